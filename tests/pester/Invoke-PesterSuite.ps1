# Runs the Pester suite against out/GovernanceModule in this (fresh) process and fails the process on any failure.
$ErrorActionPreference = 'Stop'
if (-not (Get-Module Pester -ListAvailable | Where-Object Version -GE ([version]'5.0.0'))) {
    Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module Pester -MinimumVersion 5.0.0
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path $PSScriptRoot '../../out/pester-results.xml'
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.Run.Throw = $false
$configuration.Run.PassThru = $true
$result = Invoke-Pester -Configuration $configuration
# A marker line for .ci/run, which adds these counts to those of dotnet test.
"PESTER-COUNTS passed=$($result.PassedCount) failed=$($result.FailedCount)"
if ($result.Result -ne 'Passed') { exit 1 }
