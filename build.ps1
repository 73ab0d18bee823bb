<#
.SYNOPSIS
    Builds, tests and demonstrates GovernanceModule.
.DESCRIPTION
    Tasks:
      Clean  removes out/.
      Build  assembles out/GovernanceModule/ (manifest, DLLs, format files, help), out/GovernanceModule.Emulator/
             (the emulator as a PowerShell module, the published emulator in its bin/) and out/emulator/.
      Test   runs `dotnet test`, then the Pester 5 suite in a fresh pwsh against out/GovernanceModule.
      Demo   starts the emulator, imports the built module, pipes samples/provtasks.csv into Set-ProvTask,
             shows the results and stops the emulator.
    Every native call is checked; the first failure stops the build.
.EXAMPLE
    ./build.ps1 Demo
.EXAMPLE
    ./build.ps1 Clean, Build, Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Clean', 'Build', 'Test', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'GovernanceModule'
$EmulatorOut = Join-Path $Out 'emulator'
$EmulatorModuleOut = Join-Path $Out 'GovernanceModule.Emulator'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
}

function Invoke-Build {
    # The module project's publish folder is the module folder (see GovernanceModule.csproj).
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/GovernanceModule/GovernanceModule.csproj'), '-c', $Configuration, '-o', $ModuleOut, '--nologo')
    Remove-Item (Join-Path $ModuleOut '*.deps.json') -ErrorAction SilentlyContinue
    # The emulator module: manifest and script module from src/GovernanceModule.Emulator.PowerShell, the emulator in bin/.
    New-Item -ItemType Directory -Path $EmulatorModuleOut -Force | Out-Null
    Copy-Item (Join-Path $Root 'src/GovernanceModule.Emulator.PowerShell/*') $EmulatorModuleOut -Force
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/GovernanceModule.Emulator/GovernanceModule.Emulator.csproj'), '-c', $Configuration, '-o', (Join-Path $EmulatorModuleOut 'bin'), '--nologo')
    # out/emulator stays while tests/pester/TestEmulator.psm1 and the Demo task start the emulator from there.
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/GovernanceModule.Emulator/GovernanceModule.Emulator.csproj'), '-c', $Configuration, '-o', $EmulatorOut, '--nologo')
}

function Invoke-Test {
    Invoke-Native dotnet @('test', (Join-Path $Root 'GovernanceModule.sln'), '-c', $Configuration, '--nologo')

    # Pester runs in a fresh process: the module's DLLs stay loaded (and locked) in the process that imported them.
    $pester = Get-Module Pester -ListAvailable | Where-Object Version -GE ([version]'5.0.0') | Select-Object -First 1
    if (-not $pester) {
        Write-Host 'Installing Pester 5 for the current user.'
        Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
    }
    $script = Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1'
    Invoke-Native ([System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName) @('-NoProfile', '-NonInteractive', '-File', $script)
}

function Invoke-Demo {
    Import-Module (Join-Path $Root 'tests/pester/TestEmulator.psm1') -Force
    $emulator = Start-TestEmulator -EmulatorPath (Join-Path $EmulatorOut 'GovernanceModule.Emulator.dll')
    try {
        Write-Host "Emulator at $($emulator.Url)"
        Import-Module (Join-Path $ModuleOut 'GovernanceModule.psd1') -Force
        $credential = [pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))
        Connect-OigServer -Uri $emulator.Url -Credential $credential

        Write-Host "`nImport-Csv samples/provtasks.csv | Set-ProvTask`n" -ForegroundColor Cyan
        Import-Csv (Join-Path $Root 'samples/provtasks.csv') | Set-ProvTask -ErrorVariable failed -ErrorAction SilentlyContinue |
            Format-Table -AutoSize | Out-Host
        foreach ($record in $failed) { Write-Host "error: $($record.Exception.Message)" -ForegroundColor Yellow }

        $bulkCalls = @(Invoke-RestMethod "$($emulator.Url)/_emulator/journal?api=oig" | Where-Object { $_.method -eq 'PUT' }).Count
        Write-Host "The emulator received $bulkCalls PUT request(s)."
    }
    finally {
        Stop-TestEmulator $emulator
    }
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Build; Invoke-Test }
        'Demo' { Invoke-Build; Invoke-Demo }
    }
}
