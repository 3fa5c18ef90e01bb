resource "auth0_client" "configurable" {
  name        = "Configurable"
  app_type    = "regular_web"
  grant_types = var.grants
}
