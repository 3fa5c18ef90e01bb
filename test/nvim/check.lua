-- Neovim (0.7) as a real LSP client of the Grantlint server, run by test/nvim/nvim.test.ts:
--   nvim --headless --clean -c 'luafile test/nvim/check.lua' test/nvim/fixtures/tenant.yaml
-- 0.7 has no vim.lsp.start, so the client is started with vim.lsp.start_client and attached by hand.
-- Every check prints one "ok"/"FAIL" line to stdout; any failure exits with `cquit 1`.

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
    if d.source == 'grantlint' then table.insert(list, code_of(d)) end
  end
  table.sort(list)
  return list
end

local function has_code(code)
  for _, c in ipairs(codes()) do
    if c == code then return true end
  end
  return false
end

local function run()
  vim.bo[bufnr].filetype = 'yaml'
  -- As editors without publishDiagnostics.dataSupport: the server must answer code actions without `data`.
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.textDocument.publishDiagnostics = capabilities.textDocument.publishDiagnostics or {}
  capabilities.textDocument.publishDiagnostics.dataSupport = false
  local client_id = vim.lsp.start_client({
    name = 'grantlint',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    capabilities = capabilities,
    -- As README's Neovim 0.7-0.9 setup: 0.7 neither offers workspace/configuration nor sends the settings itself.
    settings = { grantlint = { enable = true, rules = { ['legacy-grant-type'] = 'warning' } } },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    on_exit = function(code, signal)
      if code ~= 0 then say('server exited with code ' .. tostring(code) .. ', signal ' .. tostring(signal)) end
    end,
  })
  check(client_id ~= nil, 'the server starts')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local published = vim.wait(15000, function()
    return has_code('public-client-credentials') and has_code('legacy-grant-type')
  end, 50)
  check(published, 'diagnostics: ' .. table.concat(codes(), ', '))
  local diag = diagnostic_with('public-client-credentials')
  check(diag.severity == vim.diagnostic.severity.ERROR, 'public-client-credentials is an error')
  -- An error by default on this tenant (its flag is false): the settings sent in on_init made it a warning.
  check(diagnostic_with('legacy-grant-type').severity == vim.diagnostic.severity.WARN, 'the settings sent in on_init apply (legacy-grant-type is a warning)')

  local at = find('legacy/grant-type/ro')
  local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = at })
  local contents = hover and hover.contents
  local text = type(contents) == 'table' and (contents.value or vim.inspect(contents)) or tostring(contents)
  check(text:find('password', 1, true) ~= nil, 'hover on the legacy grant names its replacement (password)')

  -- What 0.7's own vim.lsp.buf.code_action() sends: the line's diagnostics converted back to LSP shape, here
  -- without `data` (a client without dataSupport keeps none), and then a bare range with no diagnostics at all.
  local lsp_diag
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, diag.lnum, {}, client_id)) do
    if d.code == 'public-client-credentials' then lsp_diag = d end
  end
  check(lsp_diag ~= nil, 'the diagnostic converts back to LSP shape')
  lsp_diag.data = nil
  local by_range = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = lsp_diag.range.start, ['end'] = lsp_diag.range.start },
    context = { diagnostics = {} },
  }) or {}
  local range_titles = {}
  for _, action in ipairs(by_range) do table.insert(range_titles, action.title) end
  check(vim.tbl_contains(range_titles, "Remove grant 'client_credentials'"), 'a range with no diagnostics gets the quick fixes: ' .. table.concat(range_titles, ' | '))
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }) or {}
  local chosen
  local titles = {}
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
    if action.title == "Remove grant 'client_credentials'" then chosen = action end
  end
  check(chosen ~= nil, 'quick fixes offered: ' .. table.concat(titles, ' | '))
  check(chosen.isPreferred == true, 'the removal is the preferred fix')
  check(chosen.edit ~= nil, 'the fix carries a workspace edit')
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')

  local buffer_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  check(buffer_text:find('- client_credentials', 1, true) == nil, 'the edit removed the client_credentials item from the buffer')
  local gone = vim.wait(15000, function()
    return not has_code('public-client-credentials') and has_code('legacy-grant-type')
  end, 50)
  check(gone, 'after the fix the finding is gone: ' .. table.concat(codes(), ', '))

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  say('nvim check passed')
end

local ok, err = pcall(run)
if not ok then fail('error: ' .. tostring(err)) end
vim.cmd('qall!')
