# Runs the Pester suites against out/GovernanceModule in this (fresh) process and fails the process on any failure.
# build.ps1 Test installs Pester 5 when it is missing and reads the NUnit XML written to -ResultPath.
param([string] $ResultPath = (Join-Path $PSScriptRoot '../../out/test-results/pester.xml'))

$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.0.0 -MaximumVersion 5.99.99
$configuration = New-PesterConfiguration
# The module's suite, and the sample runbook's tests (samples/), which run as a runbook author's would.
$configuration.Run.Path = @($PSScriptRoot, (Join-Path $PSScriptRoot '../../samples'))
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = $ResultPath
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.Run.Throw = $false
$configuration.Run.PassThru = $true
$result = Invoke-Pester -Configuration $configuration
if ($result.Result -ne 'Passed') { exit 1 }
