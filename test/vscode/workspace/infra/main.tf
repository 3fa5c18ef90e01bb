# The shop's Auth0 clients, managed with the auth0/auth0 provider.
resource "auth0_client" "kiosk" {
  name        = "Kiosk"
  app_type    = "spa"
  grant_types = ["authorization_code", "client_credentials"] # kiosk sync
}

resource "auth0_client_credentials" "kiosk" {
  client_id             = auth0_client.kiosk.id
  authentication_method = "none"
}

resource "auth0_client" "signage" {
  name     = "Signage"
  app_type = "native"
  grant_types = [
    "authorization_code",
    "passwordless_otp",
  ]
}
