-- What both Neovim checks share: reporting, diagnostics of the buffer, finding text, synchronous requests.
-- Loaded with dofile('test/nvim/helpers.lua')(bufnr); Neovim 0.7's Lua (LuaJIT), no plugins.
return function(bufnr)
  local h = {}

  function h.say(line)
    io.stdout:write(line .. '\n')
  end

  function h.fail(message)
    h.say('FAIL ' .. message)
    vim.cmd('cquit 1')
  end

  function h.check(condition, message)
    if condition then
      h.say('ok   ' .. message)
    else
      h.fail(message)
    end
  end

  function h.code_of(d)
    if d.code ~= nil then return d.code end
    local lsp = d.user_data and d.user_data.lsp
    return lsp and lsp.code
  end

  function h.diagnostic_with(code)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == 'grantlint' and h.code_of(d) == code then return d end
    end
    return nil
  end

  -- 0-based line and UTF-16 column of the first occurrence of `text` (the fixtures are ASCII).
  function h.find(text)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = line:find(text, 1, true)
      if col then return { line = i - 1, character = col - 1 } end
    end
    h.fail('text not found in the buffer: ' .. text)
  end

  function h.request(method, params)
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
    if not responses then h.fail(method .. ' got no answer: ' .. tostring(err)) end
    for _, response in pairs(responses) do
      if response.error then h.fail(method .. ' failed: ' .. vim.inspect(response.error)) end
      return response.result
    end
  end

  return h
end
