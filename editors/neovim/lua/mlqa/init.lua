-- mlqa-lsp for Neovim: live diagnostics, quick fixes and navigation in an mlqa knowledge base.
--
--   require('mlqa').setup()                    -- defaults: `mlqa-lsp` on PATH
--   require('mlqa').setup({ cmd = { '/path/to/mlqa-lsp' } })
--   require('mlqa').setup({ settings = { mlqa = { ignore = { 'missing-sources' } } } })
--
-- `settings.mlqa` is what the server asks for (`workspace/configuration`): `select` and `ignore`
-- (rule or family names) and `rules` (`{ ['broken-link'] = 'warn' }`), over `mlqa.toml`.
--
-- On Neovim 0.11+ this uses vim.lsp.config/vim.lsp.enable; on older versions (0.7 to 0.10) it
-- starts the client itself for Markdown and YAML buffers inside a KB.
local M = {}

local defaults = {
  cmd = { 'mlqa-lsp' },
  filetypes = { 'markdown', 'yaml' },
  root_markers = { 'kb/mlqa.toml', 'mlqa.toml' },
  settings = {},
}

--- The folder that holds `kb/mlqa.toml` or `mlqa.toml`, searching upward from `path`.
function M.root_dir(path, markers)
  markers = markers or defaults.root_markers
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    for _, marker in ipairs(markers) do
      if vim.fn.filereadable(dir .. '/' .. marker) == 1 then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

function M.setup(opts)
  local config = vim.tbl_deep_extend('force', defaults, opts or {})
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('mlqa', {
      cmd = config.cmd,
      filetypes = config.filetypes,
      root_markers = config.root_markers,
      settings = config.settings,
    })
    vim.lsp.enable('mlqa')
    return
  end
  -- Neovim 0.7 to 0.10: one client per KB root, attached to every matching buffer.
  local clients = {}
  vim.api.nvim_create_autocmd('FileType', {
    pattern = config.filetypes,
    callback = function(args)
      local root = M.root_dir(vim.api.nvim_buf_get_name(args.buf), config.root_markers)
      if not root then
        return
      end
      if not clients[root] then
        clients[root] = vim.lsp.start_client({
          name = 'mlqa',
          cmd = config.cmd,
          root_dir = root,
          workspace_folders = { { uri = vim.uri_from_fname(root), name = 'mlqa' } },
          settings = config.settings,
        })
      end
      if clients[root] then
        vim.lsp.buf_attach_client(args.buf, clients[root])
      end
    end,
  })
end

return M
