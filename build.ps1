<#
.SYNOPSIS
    Builds, tests and demonstrates GovernanceModule.
.DESCRIPTION
    Tasks:
      Clean  removes out/.
      Build  assembles out/GovernanceModule/ (manifest, DLLs, format files, help) and out/GovernanceModule.Emulator/
             (the emulator as a PowerShell module, the published emulator in its bin/), and writes each module's MAML
             help into its en-US/ from the module and docs/help/<module>/*.md (tools/help/Build-Help.ps1).
      Package writes out/packages/<module>.<version>.nupkg for each module folder, as the PowerShell Gallery
             would serve it (Compress-PSResource), without .pdb or .deps.json files.
      Test   runs `dotnet test`, then the Pester 5 suite in a fresh pwsh against out/GovernanceModule (installing
             Pester 5 for the current user from the NuGet registry when it is missing), and ends with one
             "N passed, N failed" line summing both; the exit code is 1 when any test failed.
      Demo   starts the emulator, imports the built module, pipes samples/provtasks.csv into Set-ProvTask,
             shows the results and stops the emulator.
    Every native call is checked; the first failure stops the build.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Demo
.EXAMPLE
    ./build.ps1 Clean, Build, Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Clean', 'Build', 'Package', 'Test', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$TestsFailed = $false
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'GovernanceModule'
$EmulatorModuleOut = Join-Path $Out 'GovernanceModule.Emulator'

. (Join-Path $Root 'tools/ScriptHelpers.ps1')

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
}

function Invoke-Build {
    # The module project's publish folder is the module folder (see GovernanceModule.csproj).
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/GovernanceModule/GovernanceModule.csproj'), '-f', 'netstandard2.0', '-c', $Configuration, '-o', $ModuleOut, '--nologo')
    Remove-Item (Join-Path $ModuleOut '*.deps.json') -ErrorAction SilentlyContinue
    # The emulator module: manifest and script module from src/GovernanceModule.Emulator.PowerShell, the emulator in bin/.
    New-Item -ItemType Directory -Path $EmulatorModuleOut -Force | Out-Null
    Copy-Item (Join-Path $Root 'src/GovernanceModule.Emulator.PowerShell/*') $EmulatorModuleOut -Force
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/GovernanceModule.Emulator/GovernanceModule.Emulator.csproj'), '-c', $Configuration, '-o', (Join-Path $EmulatorModuleOut 'bin'), '--nologo')
    Invoke-Help -Manifest (Join-Path $ModuleOut 'GovernanceModule.psd1') -HelpFile 'GovernanceModule.dll-Help.xml'
    Invoke-Help -Manifest (Join-Path $EmulatorModuleOut 'GovernanceModule.Emulator.psd1') -HelpFile 'GovernanceModule.Emulator-help.xml'
}

# A module's MAML help, in a child PowerShell: importing the module here would keep its DLL loaded (and locked).
function Invoke-Help {
    param([string] $Manifest, [string] $HelpFile)
    $name = [IO.Path]::GetFileNameWithoutExtension($Manifest)
    $outFile = Join-Path (Split-Path $Manifest -Parent) "en-US/$HelpFile"
    Invoke-Native (Get-PowerShellPath) @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/help/Build-Help.ps1'), '-Module', $Manifest, '-Source', (Join-Path $Root "docs/help/$name"), '-OutFile', $outFile)
}

# The module folders that are shipped as packages, and the files of the build that stay out of them.
function Get-PackagedModule {
    @(
        [pscustomobject]@{ Path = $ModuleOut; Exclude = @('*.pdb', '*.deps.json') }
        # The emulator is an application: its bin/ keeps the .deps.json and .runtimeconfig.json that dotnet runs it with.
        [pscustomobject]@{ Path = $EmulatorModuleOut; Exclude = @('*.pdb') }
    )
}

function Invoke-Package {
    $packages = Join-Path $Out 'packages'
    $staging = Join-Path $Out 'staging'
    foreach ($folder in $packages, $staging) {
        if (Test-Path $folder) { Remove-Item $folder -Recurse -Force }
        New-Item -ItemType Directory -Path $folder | Out-Null
    }
    foreach ($module in Get-PackagedModule) {
        $copy = Join-Path $staging (Split-Path $module.Path -Leaf)
        Copy-Item -Path $module.Path -Destination $copy -Recurse
        Get-ChildItem -Path $copy -Recurse -File -Include $module.Exclude | Remove-Item
        $package = Compress-PSResource -Path $copy -DestinationPath $packages -PassThru
        Write-Host "Wrote $($package.FullName)"
    }
    Remove-Item $staging -Recurse -Force
}

# Pester 5 comes from the NuGet registry (there may be no PowerShell Gallery): the package keeps the module under
# tools/. Pinned, since Pester 6 changes the configuration and assertions the suite uses.
$PesterVersion = '5.9.1'

function Install-Pester {
    $installed = Get-Module Pester -ListAvailable | Where-Object { $_.Version -ge [version]'5.0.0' -and $_.Version -lt [version]'6.0.0' }
    if ($installed) { return }

    # The first folder of PSModulePath is the current user's.
    $userModules = ($env:PSModulePath -split [System.IO.Path]::PathSeparator)[0]
    $target = Join-Path $userModules "Pester/$PesterVersion"
    Write-Host "Installing Pester $PesterVersion for the current user into $target."
    $work = Join-Path ([System.IO.Path]::GetTempPath()) ('pester-download-' + [guid]::NewGuid())
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        $project = @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PesterVersion]" /></ItemGroup>
</Project>
"@
        Set-Content -Path (Join-Path $work 'download.csproj') -Value $project
        $packages = Join-Path $work 'packages'
        Invoke-Native dotnet @('restore', (Join-Path $work 'download.csproj'), '--packages', $packages, '--nologo')
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        Copy-Item -Path (Join-Path $packages "pester/$PesterVersion/tools/*") -Destination $target -Recurse -Force
    }
    finally {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Counts of one suite from its result files: TRX from dotnet test, NUnit XML from Pester.
function Get-SuiteCount {
    param([string] $Name, [string[]] $TrxFiles = @(), [string] $NUnitFile)
    $passed = 0
    $failed = 0
    foreach ($file in $TrxFiles) {
        $counters = ([xml](Get-Content -Raw $file)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    if ($NUnitFile -and (Test-Path $NUnitFile)) {
        $results = ([xml](Get-Content -Raw $NUnitFile))['test-results']
        $failed += [int]$results.failures + [int]$results.errors + [int]$results.invalid
        $passed += [int]$results.total - [int]$results.failures - [int]$results.errors - [int]$results.invalid - [int]$results.'not-run' - [int]$results.skipped - [int]$results.inconclusive - [int]$results.ignored
    }
    [pscustomobject]@{ Suite = $Name; Passed = $passed; Failed = $failed }
}

function Invoke-Test {
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $counts = @()

    # The fault suite (tests/GovernanceModule.Core.Tests/Faults) appends one line per API to this file.
    $env:FAULT_SUITE_REPORT = Join-Path $results 'fault-suite.txt'
    & dotnet test (Join-Path $Root 'GovernanceModule.sln') -c $Configuration --nologo --logger trx --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trx = @(Get-ChildItem -Path $results -Filter '*.trx' -ErrorAction SilentlyContinue | ForEach-Object FullName)
    $xunit = Get-SuiteCount -Name 'xunit' -TrxFiles $trx
    # A test host that crashed leaves a failing exit code without a failed count: count it.
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1 }
    $counts += $xunit
    if (Test-Path $env:FAULT_SUITE_REPORT) { Get-Content $env:FAULT_SUITE_REPORT | Write-Host }

    # Pester runs in a fresh process: the module's DLLs stay loaded (and locked) in the process that imported them.
    Install-Pester
    $nunit = Join-Path $results 'pester.xml'
    & (Get-PowerShellPath) -NoProfile -NonInteractive -File (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1') -ResultPath $nunit
    $pesterExit = $LASTEXITCODE
    $pester = Get-SuiteCount -Name 'Pester' -NUnitFile $nunit
    if ($pesterExit -ne 0 -and $pester.Failed -eq 0) { $pester.Failed = 1 }
    $counts += $pester

    $counts | Format-Table -AutoSize | Out-Host
    $passed = ($counts | Measure-Object -Property Passed -Sum).Sum
    $failed = ($counts | Measure-Object -Property Failed -Sum).Sum
    # The closing line CI reads: nothing is printed after it, and the script's exit code says whether it is 0 failed.
    Write-Host "$passed passed, $failed failed"
    $script:TestsFailed = $failed -gt 0
}

function Invoke-Demo {
    Import-Module (Join-Path $EmulatorModuleOut 'GovernanceModule.Emulator.psd1') -Force
    $emulator = Start-GovernanceEmulator
    try {
        Write-Host "Emulator at $($emulator.Uri)"
        Import-Module (Join-Path $ModuleOut 'GovernanceModule.psd1') -Force
        Connect-OigServer -Uri $emulator.Uri -Credential $emulator.OigCredential

        Write-Host "`nImport-Csv samples/provtasks.csv | Set-ProvTask`n" -ForegroundColor Cyan
        Import-Csv (Join-Path $Root 'samples/provtasks.csv') | Set-ProvTask -ErrorVariable failed -ErrorAction SilentlyContinue |
            Format-Table -AutoSize | Out-Host
        foreach ($record in $failed) { Write-Host "error: $($record.Exception.Message)" -ForegroundColor Yellow }

        $bulkCalls = @(Get-GovernanceEmulatorRequest -Emulator $emulator -Api oig -Method PUT).Count
        Write-Host "The emulator received $bulkCalls PUT request(s)."
    }
    finally {
        Stop-GovernanceEmulator -Emulator $emulator
    }
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Package' { Invoke-Build; Invoke-Package }
        'Test' { Invoke-Build; Invoke-Package; Invoke-Test }
        'Demo' { Invoke-Build; Invoke-Demo }
    }
}
if ($TestsFailed) { exit 1 }
