<#
.SYNOPSIS
    Applies a CSV file of provisioning-task changes to Oracle Identity Governance and writes the results and a
    retry file.
.DESCRIPTION
    A sample runbook. It reads the CSV (columns TaskId, Action, Assignee, Note, Response, as Set-ProvTask binds
    them), sends the changes in bulk with Set-ProvTask, and writes:
      - the results file: one row per task sent, with its Status and Reason;
      - the retry file: every input row that got an error (an unknown task, a refused change, a row that was
        invalid), with its original columns, ready to be fixed and run again.
    It returns a summary object. Refused credentials stop it with a terminating error.

    It connects with -Uri and -Credential when they are given, else it uses the session's current OIG
    connection (Connect-OigServer before calling it).
.PARAMETER CsvPath
    The CSV file of changes.
.PARAMETER ResultPath
    Where the results are written (CSV).
.PARAMETER RetryPath
    Where the rows to run again are written (CSV). It is removed when no row failed.
.PARAMETER Uri
    The OIG server; with -Credential, the runbook connects itself.
.PARAMETER Credential
    The OIG user and password.
.PARAMETER BatchSize
    Tasks per bulk request.
.EXAMPLE
    ./Update-ProvTask.ps1 -CsvPath tasks.csv -Uri https://oig.example.com:14000 -Credential (Get-Credential)
.EXAMPLE
    ./Update-ProvTask.ps1 -CsvPath tasks.csv -WhatIf
    Shows what would change and sends nothing.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [string] $CsvPath,

    [string] $ResultPath = 'provtask-results.csv',

    [string] $RetryPath = 'provtask-retry.csv',

    [Uri] $Uri,

    [pscredential] $Credential,

    [ValidateRange(1, 1000)]
    [int] $BatchSize = 100
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Set-ProvTask -ErrorAction SilentlyContinue)) {
    Import-Module GovernanceModule
}
if ($Uri) {
    Connect-OigServer -Uri $Uri -Credential $Credential
}

$rows = @(Import-Csv -Path $CsvPath)
$failed = $null
# Errors per row are collected, not thrown: each carries its CSV row as TargetObject.
$results = @($rows | Set-ProvTask -BatchSize $BatchSize -ErrorAction SilentlyContinue -ErrorVariable failed -WhatIf:$WhatIfPreference)

$results | Export-Csv -Path $ResultPath -NoTypeInformation
$retry = @($failed | ForEach-Object { $_.TargetObject } | Where-Object { $null -ne $_ })
if ($retry.Count -gt 0) {
    $retry | Select-Object -Property $rows[0].PSObject.Properties.Name | Export-Csv -Path $RetryPath -NoTypeInformation
}
elseif (Test-Path $RetryPath) {
    Remove-Item $RetryPath
}

[pscustomobject]@{
    Rows       = $rows.Count
    Succeeded  = @($results | Where-Object { $_.Succeeded }).Count
    Failed     = $retry.Count
    ResultPath = $ResultPath
    RetryPath  = $(if ($retry.Count -gt 0) { $RetryPath } else { $null })
}
