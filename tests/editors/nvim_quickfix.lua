-- Driven by tests/editors.rs: open an answer through editors/neovim, wait for mlqa-lsp's
-- diagnostic, apply its quick fix, save, and report what happened to MLQA_RESULT.
local result = {}
local function finish(status)
  result[#result + 1] = 'status=' .. status
  local f = io.open(os.getenv('MLQA_RESULT'), 'w')
  f:write(table.concat(result, '\n') .. '\n')
  f:close()
  vim.cmd('qa!')
end

vim.cmd('filetype on')
vim.opt.runtimepath:append(os.getenv('MLQA_NVIM_RTP'))
require('mlqa').setup({ cmd = { os.getenv('MLQA_LSP') } })
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('MLQA_FILE')))
local buf = vim.api.nvim_get_current_buf()

if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  return finish('no-diagnostics')
end
local d = vim.diagnostic.get(buf)[1]
local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
result[#result + 1] = 'code=' .. tostring(code)
result[#result + 1] = 'line=' .. d.lnum

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
local applied = false
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    if not applied and action.edit then
      result[#result + 1] = 'action=' .. action.title
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      applied = true
    end
  end
end
if not applied then
  return finish('no-action')
end
vim.cmd('write')
if not vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 50) then
  return finish('still-broken')
end
finish('fixed')
