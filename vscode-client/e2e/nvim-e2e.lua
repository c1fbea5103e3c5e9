-- nvim-e2e.lua: optlens in a real Neovim (0.10+, its TUI inside tmux), configured by the README's
-- configuration (scripts/e2e-neovim.sh puts it in init.lua and runs `nvim -u init.lua -c "luafile
-- nvim-e2e.lua" basics.go`). Steps as a user takes them: wait for `ready`, read the diagnostics, the
-- inlay hints and code lenses, hover over the heap allocation (the floating window), apply the quick
-- fix that writes an assertion, run :OptlensAssembly, and type a function that adds an escape.
-- Writes "ok:"/"FAILED:" lines to $OPTLENS_E2E_LOG; before each screen worth keeping it writes
-- $OPTLENS_E2E_SHOTS/<name>.want and waits for the script to capture tmux's pane and rename it to
-- <name>.done. Exits 0 when every check passed.
local log_path, shots = os.getenv("OPTLENS_E2E_LOG"), os.getenv("OPTLENS_E2E_SHOTS")
local log = assert(io.open(log_path, "a"))
local passed, failed = 0, 0
local function say(fmt, ...) log:write(string.format(fmt, ...) .. "\n"); log:flush() end
local function check(name, ok, detail)
  if ok then passed = passed + 1; say("ok: %s", name)
  else failed = failed + 1; say("FAILED: %s %s", name, detail and vim.inspect(detail) or "") end
  return ok
end
-- A check the rest cannot go on without.
local function must(name, ok, detail)
  if not check(name, ok, detail) then error("stopped: " .. name, 0) end
  return ok
end

-- Waiting without blocking Neovim's loop: the driver is a coroutine resumed by timers, so the screen,
-- the LSP client and its handlers all run while it waits.
local co
local function sleep(ms) vim.defer_fn(function() assert(coroutine.resume(co)) end, ms); coroutine.yield() end
local function wait(pred, ms)
  local deadline = vim.uv.now() + ms
  while true do
    local ok, v = pcall(pred)
    if ok and v then return v end
    if vim.uv.now() > deadline then return nil end
    sleep(50)
  end
end
local function shot(name)
  vim.cmd("redraw!")
  sleep(300) -- the TUI draws what the redraw sent
  local want = shots .. "/" .. name .. ".want"
  io.open(want, "w"):close()
  wait(function() return vim.uv.fs_stat(shots .. "/" .. name .. ".done") end, 20000)
end

local buf = vim.api.nvim_get_current_buf()
local function client() return vim.lsp.get_clients({ bufnr = buf, name = "optlens" })[1] end
local function diagnostics(line, text)
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = line - 1 })) do
    if d.message:find(text, 1, true) then return d end
  end
end
local function label(h)
  local l = h.inlay_hint.label
  if type(l) == "string" then return l end
  local parts = {}
  for _, p in ipairs(l) do table.insert(parts, p.value) end
  return table.concat(parts)
end
local function hint(line, text)
  for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
    if h.inlay_hint.position.line == line - 1 and label(h) == text then return h end
  end
end
local function status() return vim.g.optlens_status or {} end
local function ready_at_least(version)
  local s = status()
  if s.state ~= "ready" then return false end
  for _, v in pairs(s.versions or {}) do if v >= version then return true end end
end
local function line_of(text)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find(text, 1, true) then return i end
  end
end

local function run()
  must("optlens attached through the README's FileType autocmd", wait(client, 60000))
  must("optlens/status ready", wait(function() return status().state == "ready" end, 180000), status())
  local p = line_of("p := Point{X: x, Y: y}")
  vim.api.nvim_win_set_cursor(0, { p, 1 })
  vim.cmd("normal! zz")

  check("diagnostic: moved to heap: p on its line", wait(function() return diagnostics(p, "moved to heap: p") end, 20000),
    vim.diagnostic.get(buf))
  check("inlay hint after the line: ⟵ heap: p", wait(function() return hint(p, "⟵ heap: p") end, 20000),
    vim.tbl_map(label, vim.lsp.inlay_hint.get({ bufnr = buf })))
  local fn = line_of("func NewPoint(")
  local lens = wait(function()
    for _, l in ipairs(vim.lsp.codelens.get(buf)) do
      if l.range.start.line == fn - 1 and l.command and l.command.title:find("inlinable (cost", 1, true) then return l end
    end
  end, 20000)
  check("code lens on NewPoint: inlinable (cost …)", lens,
    vim.tbl_map(function(l) return l.command and l.command.title end, vim.lsp.codelens.get(buf)))
  shot("1-diagnostics-hints-lenses")

  -- Hover as a user does: K over p opens the floating window.
  vim.api.nvim_win_set_cursor(0, { p, 1 })
  vim.lsp.buf.hover()
  local float = wait(function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= "" then return w end
    end
  end, 20000)
  local text = float and table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), "\n") or ""
  check("hover opens with the plain sentence", text:find("is moved to the heap: its address is returned at line " .. (p + 1), 1, true), text)
  check("hover has the compiler's own words", text:find("moved to heap: p", 1, true), text)
  shot("2-hover")
  if float then vim.api.nvim_win_close(float, true) end

  -- The quick fix that writes an assertion, applied by Neovim's own code action machinery.
  vim.api.nvim_win_set_cursor(0, { fn, 5 })
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(a) return a.title:find("//optlens:inline", 1, true) ~= nil end,
  })
  check("quick fix wrote //optlens:inline above NewPoint", wait(function()
    return vim.api.nvim_buf_get_lines(buf, fn - 1, fn, false)[1] == "//optlens:inline"
  end, 20000), vim.api.nvim_buf_get_lines(buf, fn - 2, fn + 1, false))
  local v = vim.lsp.util.buf_versions[buf]
  check("recompiled after the fix", wait(function() return ready_at_least(v) end, 120000), status())
  local asserted = wait(function()
    for _, l in ipairs(vim.lsp.codelens.get(buf)) do
      if l.range.start.line == fn and l.command and l.command.title:find("✓ assertion holds", 1, true) then return l end
    end
  end, 20000)
  check("the assertion holds: a ✓ lens on NewPoint", asserted,
    vim.tbl_map(function(l) return l.command and l.command.title end, vim.lsp.codelens.get(buf)))

  -- :OptlensAssembly, from the README's configuration.
  p = line_of("p := Point{X: x, Y: y}")
  vim.api.nvim_win_set_cursor(0, { p, 1 })
  vim.cmd("OptlensAssembly")
  local asm = wait(function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      local b = vim.api.nvim_win_get_buf(w)
      if vim.api.nvim_buf_get_name(b):find("optlens://basics.NewPoint", 1, true) then return b end
    end
  end, 120000)
  local asm_lines = asm and vim.api.nvim_buf_get_lines(asm, 0, -1, false) or {}
  check(":OptlensAssembly opens basics.NewPoint's assembly", #asm_lines > 5, asm_lines)
  check("the assembly calls runtime.newobject for p",
    table.concat(asm_lines, "\n"):find("runtime.newobject", 1, true), asm_lines)
  shot("3-assembly")
  if asm then vim.api.nvim_buf_delete(asm, { force = true }) end

  -- Typing a function that adds an escape.
  local n = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, n, n, false, { "", "// Leak returns its argument's address.", "func Leak(x int) *int {", "\treturn &x", "}" })
  local leak = n + 3
  vim.api.nvim_win_set_cursor(0, { leak, 0 })
  vim.cmd("normal! zz")
  check("the new escape is a diagnostic: moved to heap: x",
    wait(function() return diagnostics(leak, "moved to heap: x") end, 120000), vim.diagnostic.get(buf, { lnum = leak - 1 }))
  check("and a hint: ⟵ heap: x", wait(function() return hint(leak, "⟵ heap: x") end, 20000),
    vim.tbl_map(label, vim.lsp.inlay_hint.get({ bufnr = buf })))
  shot("4-edit-adds-escape")
end

co = coroutine.create(function()
  local ok, err = pcall(run)
  if not ok then say("%s", err) end
  say("%d passed, %d failed", passed, failed)
  local c = client()
  if c then c.stop(); wait(function() return c.is_stopped() end, 5000) end
  log:close()
  vim.cmd((failed == 0 and passed > 0) and "qall!" or "cquit! 1")
end)
vim.defer_fn(function() assert(coroutine.resume(co)) end, 0)
