-- Neovim (0.7) as a real LSP client of the Grantlint server on a Terraform file, run by test/nvim/nvim.test.ts:
--   nvim --headless --clean -c 'luafile test/nvim/check-terraform.lua' test/nvim/fixtures/terraform/main.tf
-- The buffer's filetype is `terraform`, the language id Neovim sends for it. No diagnostic dataSupport, as in
-- check.lua. Every check prints one "ok"/"FAIL" line to stdout; any failure exits with `cquit 1`.

local server = os.getenv('GRANTLINT_SERVER') or 'dist/server.js'
local node = os.getenv('GRANTLINT_NODE') or 'node'
local bufnr = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(bufnr)
local uri = vim.uri_from_bufnr(bufnr)

local h = dofile('test/nvim/helpers.lua')(bufnr)
local say, fail, check, code_of, diagnostic_with, find, request = h.say, h.fail, h.check, h.code_of, h.diagnostic_with, h.find, h.request

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'grantlint' then table.insert(list, code_of(d) .. '@' .. (d.lnum + 1)) end
  end
  table.sort(list)
  return table.concat(list, ', ')
end

local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function run()
  vim.bo[bufnr].filetype = 'terraform'
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.textDocument.publishDiagnostics = capabilities.textDocument.publishDiagnostics or {}
  capabilities.textDocument.publishDiagnostics.dataSupport = false
  local client_id = vim.lsp.start_client({
    name = 'grantlint',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    capabilities = capabilities,
    settings = { grantlint = { enable = true } },
    on_exit = function(code, signal)
      if code ~= 0 then say('server exited with code ' .. tostring(code) .. ', signal ' .. tostring(signal)) end
    end,
  })
  check(client_id ~= nil, 'the server starts')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local expected = 'public-client-credentials@5, unknown-grant-type@18'
  local published = vim.wait(15000, function() return codes() == expected end, 50)
  check(published, 'diagnostics on the .tf buffer: ' .. codes())
  local diag = diagnostic_with('public-client-credentials')
  check(diag.message:find('authentication_method', 1, true) ~= nil, 'the message names Terraform\'s attribute: ' .. diag.message)

  local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = find('"client_credentials"') })
  local contents = hover and hover.contents
  local text = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
  check(text:find('Not allowed for Kiosk', 1, true) ~= nil, 'hover on the grant says Kiosk may not use it')

  local item_at = find('"passwordless_otp"')
  local completion = request('textDocument/completion', { textDocument = { uri = uri }, position = { line = item_at.line, character = item_at.character + 3 } })
  local items = completion and (completion.items or completion) or {}
  local labels = {}
  for _, item in ipairs(items) do labels[item.label] = item end
  local otp = labels['http://auth0.com/oauth/grant-type/passwordless/otp']
  check(otp ~= nil and otp.textEdit ~= nil and otp.textEdit.newText == '"http://auth0.com/oauth/grant-type/passwordless/otp"', 'completion in a multi-line grant_types tuple, quoted')

  -- A quick fix asked for by range without diagnostics (as 0.7's code_action sends without data), applied.
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = diag.lnum, character = diag.col }, ['end'] = { line = diag.lnum, character = diag.col } },
    context = { diagnostics = {} },
  }) or {}
  local chosen
  local titles = {}
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
    if action.title == "Remove grant 'client_credentials'" then chosen = action end
  end
  check(chosen ~= nil and chosen.edit ~= nil, 'quick fixes offered: ' .. table.concat(titles, ' | '))
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  check(buffer_text():find('grant_types = ["authorization_code"] # kiosk sync', 1, true) ~= nil, 'the fix left a one-item list and the comment: ' .. vim.api.nvim_buf_get_lines(bufnr, 4, 5, false)[1])
  local fixed = vim.wait(15000, function() return codes() == 'unknown-grant-type@18' end, 50)
  check(fixed, 'after the fix only the unknown grant is left: ' .. codes())

  -- Typed in the buffer (incremental sync): the unknown grant corrected, and the credentials resource set to a
  -- secret, which the SPA it belongs to cannot keep: that finding comes up on the credentials resource.
  local grant = find('"passwordless_otp"')
  vim.api.nvim_buf_set_text(bufnr, grant.line, grant.character + 1, grant.line, grant.character + 17, { 'http://auth0.com/oauth/grant-type/passwordless/otp' })
  local method = find('"none"')
  vim.api.nvim_buf_set_text(bufnr, method.line, method.character + 1, method.line, method.character + 5, { 'client_secret_post' })
  local relinted = vim.wait(15000, function() return codes() == 'secret-on-public-app-type@10' end, 50)
  check(relinted, 'after typing, the credentials edit is re-checked with its client: ' .. codes())

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  say('nvim terraform check passed')
end

local ok, err = pcall(run)
if not ok then fail('error: ' .. tostring(err)) end
vim.cmd('qall!')
