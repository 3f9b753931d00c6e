-- A real client for `retro-lint server`: headless Neovim (0.7 or newer, its built-in LSP
-- client). Run by tests/editor.rs as
--   nvim --headless -u NONE -i NONE -n -c "luafile tests/editor/nvim.lua"
-- with RETRO_LINT (the binary), SITE (a copy of tests/editor/site) and OUT (the JSON file
-- the test reads) in the environment. It opens a monthly post, makes an unsaved edit that
-- breaks a total and a weekday, waits for the diagnostics, applies the weekday's fix and
-- the total's suppression through code actions, asks for a hover on the total and for the
-- definition of a link, and writes what it saw.

local out = {}
local bin = os.getenv('RETRO_LINT')
local site = os.getenv('SITE')
local monthly = site .. '/posts/2025/monthly/2025-03-01-2025-03-31-monthly-retrospective.md'
local annual = site .. '/posts/2025/annual/2025-01-01-2025-12-31-annual-retrospective.md'

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      code = d.code or lsp.code,
      message = d.message,
      lnum = d.lnum,
      col = d.col,
      range = lsp.range,
      severity = d.severity,
    })
  end
  table.sort(list, function(a, b)
    return (a.lnum * 10000 + a.col) < (b.lnum * 10000 + b.col)
  end)
  return list
end

local function has(bufnr, code)
  for _, d in ipairs(codes(bufnr)) do
    if d.code == code then
      return true
    end
  end
  return false
end

-- The 0-based line holding `text`, the UTF-16 column of `text` on it, the line, and the
-- byte column (Neovim's own, which it derives from the server's UTF-16 positions).
local function find(bufnr, text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local at = string.find(line, text, 1, true)
    if at then
      local _, col16 = vim.str_utfindex(line, at - 1)
      return i - 1, col16, line, at - 1
    end
  end
  error('not found: ' .. text)
end

local function request(bufnr, method, params)
  local res = vim.lsp.buf_request_sync(bufnr, method, params, 10000) or {}
  for _, r in pairs(res) do
    if r.error then
      error(method .. ': ' .. vim.inspect(r.error))
    end
    return r.result
  end
end

-- How many times the server published diagnostics for each URI.
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result and result.uri then
    published[result.uri] = (published[result.uri] or 0) + 1
  end
  return publish(err, result, ctx, config)
end

local function run()
  local client = vim.lsp.start_client({
    name = 'retro-lint',
    cmd = { bin, 'server' },
    root_dir = site,
  })
  assert(client, 'the server did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(monthly))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client)
  -- The saved post is clean: wait for the server's first (empty) list.
  out.attached = vim.wait(15000, function()
    return (published[vim.uri_from_bufnr(buf)] or 0) > 0
  end, 20)
  out.initial = codes(buf)

  -- An unsaved edit: the total no longer adds up, and the weekday is wrong.
  local l, _, line = find(buf, '(백엔드 7 + 프론트 5)')
  vim.api.nvim_buf_set_lines(buf, l, l + 1, false, { (line:gsub('프론트 5', '프론트 6')) })
  local w, _, wline = find(buf, '(수)')
  vim.api.nvim_buf_set_lines(buf, w, w + 1, false, { (wline:gsub('%(수%)', '(화)')) })
  out.edited_total = vim.wait(10000, function() return has(buf, 'N001') and has(buf, 'D005') end, 20)
  out.after_edit = codes(buf)
  out.modified = vim.api.nvim_buf_get_option(buf, 'modified')
  local tl, tcol, _, tbyte = find(buf, '12개')
  out.total_position = { line = tl, character = tcol, byte = tbyte }

  local uri = vim.uri_from_bufnr(buf)
  local function actions(at_line)
    return request(buf, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = { start = { line = at_line, character = 0 }, ['end'] = { line = at_line, character = 0 } },
      context = { diagnostics = {} },
    }) or {}
  end

  -- The weekday's safe fix, the preferred quick fix.
  local fixed = false
  out.weekday_actions = {}
  for _, a in ipairs(actions(w)) do
    table.insert(out.weekday_actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred })
    if a.isPreferred and not fixed then
      vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
      fixed = true
    end
  end
  out.weekday_line = vim.api.nvim_buf_get_lines(buf, w, w + 1, false)[1]
  out.fixed_weekday = vim.wait(10000, function() return not has(buf, 'D005') end, 20)

  -- The total's suppression comment, through its code action.
  out.total_actions = {}
  local suppress
  for _, a in ipairs(actions(tl)) do
    table.insert(out.total_actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred })
    if not suppress and string.find(a.title, 'N001', 1, true) and string.find(a.title, '줄', 1, true) then
      suppress = a
    end
  end
  -- The hover on the total before it is suppressed.
  local hover = request(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = tl, character = tcol },
  })
  out.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL
  out.hover_range = hover and hover.range or vim.NIL
  if suppress then
    vim.lsp.util.apply_workspace_edit(suppress.edit, 'utf-16')
  end
  out.suppressed = vim.wait(10000, function() return not has(buf, 'N001') end, 20)
  out.comment_line = vim.api.nvim_buf_get_lines(buf, tl, tl + 1, false)[1]
  out.final = codes(buf)

  -- Definition: from the annual post's link to the monthly post.
  vim.cmd('edit ' .. vim.fn.fnameescape(annual))
  local abuf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(abuf, client)
  vim.wait(10000, function() return (published[vim.uri_from_bufnr(abuf)] or 0) > 0 end, 20)
  local ll, lcol = find(abuf, '3월 회고')
  local def = request(abuf, 'textDocument/definition', {
    textDocument = { uri = vim.uri_from_bufnr(abuf) },
    position = { line = ll, character = lcol + 1 },
  })
  if def and def[1] then
    def = def[1]
  end
  out.definition = def and (def.uri or def.targetUri) or vim.NIL
  out.monthly_uri = uri

  vim.lsp.stop_client(client)
  out.stopped = vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 20)
end

local ok, err = pcall(run)
out.ok = ok
out.error = ok and vim.NIL or tostring(err)
local f = io.open(os.getenv('OUT'), 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
