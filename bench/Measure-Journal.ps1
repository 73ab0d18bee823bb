<#
.SYNOPSIS
    Measures what -JournalPath costs and what resuming a journal takes, on the local emulator, and prints ratios
    measured in the same run.
.DESCRIPTION
    Starts the emulator (GovernanceModule.Emulator) with enough generated OIG tasks and prints:

    1. `Import-Csv | Set-ProvTask` (SetNote rows, -BatchSize 100) with -JournalPath against the same run without it,
       at 0 ms server latency (-Rows rows, -Repeat runs each, without and with in turn) and with -LatencyMs added to
       every PUT answer. The times printed are medians; the ratio is the median of each pair's ratio, which a drift
       in the machine's load during the measurement weighs on less. Targets: at most 1.15x at 0 ms, at most 1.05x
       at 250 ms.
    2. Resuming a journal of -ResumeRows rows of which all but -RemainingRows are done: the time of the resume
       against a fresh run of -RemainingRows rows plus the time to read the input. Target: the resume within 2x of
       that. Reading the input is what PowerShell spends handing the whole file to Set-ProvTask: Import-Csv and the
       binding of each row to Set-ProvTask's parameters, timed as Import-Csv into a cmdlet that has those parameters
       and does nothing (the Binding contender of Compare-Throughput.ps1). Binding by property name costs several
       times what Import-Csv does, and no cmdlet can skip it; Import-Csv alone is printed too.
    3. The peak working set while resuming, above the same pwsh idle (module imported, connected).
       Target: at most 40 MB.

    Each run is a fresh child pwsh that connects first and times only the pipeline; the journal's first part
    (all but -RemainingRows rows done) is written by a real run before the resume is timed. The machine may be
    shared and noisy: compare the ratios within one run, not absolute times across runs.
.PARAMETER Rows
    SetNote rows of the with/without comparison (default 10000).
.PARAMETER LatencyMs
    Milliseconds the emulator waits before answering each PUT in the second comparison (default 250).
.PARAMETER ResumeRows
    Rows of the resumed journal (default 100000).
.PARAMETER RemainingRows
    Rows of the resumed journal still to send (default 1000).
.PARAMETER Repeat
    Runs per contender at 0 ms; the medians are reported (default 9).
.PARAMETER Quick
    A small run for smoke tests: 1,000 rows, 50 ms, a 5,000-row journal with 500 to go, one run each.
.PARAMETER Only
    Measures one part only: Cost (1, the with/without comparison) or Resume (2 and 3). Without it, both.
.EXAMPLE
    dotnet pwsh ./bench/Measure-Journal.ps1

    The full measurement with the defaults the targets are stated for.
.EXAMPLE
    dotnet pwsh ./bench/Measure-Journal.ps1 -Only Resume

    The resume and its memory only, with the defaults the targets are stated for.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 1000000)] [int] $Rows = 10000,
    [ValidateRange(0, 60000)] [int] $LatencyMs = 250,
    [ValidateRange(2, 5000000)] [int] $ResumeRows = 100000,
    [ValidateRange(1, 5000000)] [int] $RemainingRows = 1000,
    [ValidateRange(1, 15)] [int] $Repeat = 9,
    [switch] $Quick,
    [ValidateSet('Cost', 'Resume')] [string] $Only
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Rows')) { $Rows = 1000 }
    if (-not $PSBoundParameters.ContainsKey('LatencyMs')) { $LatencyMs = 50 }
    if (-not $PSBoundParameters.ContainsKey('ResumeRows')) { $ResumeRows = 5000 }
    if (-not $PSBoundParameters.ContainsKey('RemainingRows')) { $RemainingRows = 500 }
    if (-not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 1 }
}
if ($RemainingRows -ge $ResumeRows) { throw '-RemainingRows must be fewer than -ResumeRows.' }

$Root = Split-Path $PSScriptRoot -Parent
$ModuleManifest = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
$EmulatorManifest = Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1'
$Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$Pwsh = Join-Path $PSHOME 'pwsh'
if (-not (Test-Path $Pwsh)) { $Pwsh = (Get-Process -Id $PID).Path }
$Work = Join-Path ([System.IO.Path]::GetTempPath()) ('journal-bench-' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $Work | Out-Null

if (-not (Test-Path $ModuleManifest)) { & (Join-Path $Root 'build.ps1') Build }
Import-Module $EmulatorManifest -Force
$emulator = Start-GovernanceEmulator -ArgumentList '--Emulator:OigGeneratedTasks', ([Math]::Max($Rows, $ResumeRows) + 10)
$password = $emulator.OigCredential.GetNetworkCredential().Password

# Runs $Body in a fresh pwsh: it imports the module and connects, then $Body sets $seconds; prints JSON with the
# seconds and the working set (now, at its peak since idle) in bytes.
function Invoke-Child([string] $Body) {
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Connect-OigServer -Uri '$($emulator.Uri)' -Credential ([pscredential]::new('$($emulator.OigCredential.UserName)', (ConvertTo-SecureString '$password' -AsPlainText -Force)))
function Read-Memory {
    `$p = [Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh()
    `$m = @{ Now = `$p.WorkingSet64; Peak = `$p.PeakWorkingSet64 }
    if (Test-Path /proc/self/status) {
        foreach (`$l in [IO.File]::ReadAllLines('/proc/self/status')) {
            if (`$l -match '^VmHWM:\s+(\d+)') { `$m.Peak = [long] `$Matches[1] * 1024 } elseif (`$l -match '^VmRSS:\s+(\d+)') { `$m.Now = [long] `$Matches[1] * 1024 }
        }
    }
    `$m
}
[GC]::Collect(); `$idle = Read-Memory
if (Test-Path /proc/self/clear_refs) { try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { } }
`$timer = [Diagnostics.Stopwatch]::StartNew()
$Body
`$timer.Stop()
`$after = Read-Memory
[pscustomobject]@{ Seconds = `$timer.Elapsed.TotalSeconds; IdleBytes = `$idle.Now; PeakBytes = `$after.Peak } | ConvertTo-Json -Compress
"@
    $file = Join-Path $Work ('child-' + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $file -Value $script
    $output = & $Pwsh -NoProfile -NonInteractive -File $file
    if ($LASTEXITCODE -ne 0) { throw "The child run failed: $output" }
    ($output | Select-Object -Last 1) | ConvertFrom-Json
}

# Import-Csv of the file into a cmdlet that has Set-ProvTask's parameters and does nothing, in a fresh pwsh.
function Read-InputSeconds([string] $CsvPath) {
    $output = & $Pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Invoke-BenchContender.ps1') -Contender Binding -ModulePath $ModuleManifest -CsvPath $CsvPath
    if ($LASTEXITCODE -ne 0) { throw "The binding run failed: $output" }
    $line = @($output | Where-Object { $_ -like 'BENCH-RESULT *' }) | Select-Object -Last 1
    ($line.Substring('BENCH-RESULT '.Length) | ConvertFrom-Json).seconds
}

function Get-Median([double[]] $Value) {
    $sorted = @($Value | Sort-Object)
    $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

function Write-Csv([string] $Path, [int] $Count, [int] $Skip = 0) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('TaskId,Note')
    foreach ($task in (Get-ProvTaskIds)) { if ($lines.Count -gt $Count) { break }; $lines.Add("$task,bench") }
    [System.IO.File]::WriteAllLines($Path, $lines)
}

function Get-ProvTaskIds {
    # The emulator's generated tasks: read once, in the order Get-ProvTask lists them.
    if (-not $script:TaskIds) {
        Import-Module $ModuleManifest -Force
        Connect-OigServer -Uri $emulator.Uri -Credential $emulator.OigCredential
        $script:TaskIds = @(Get-ProvTask -PageSize 1000 | ForEach-Object TaskId)
    }
    $script:TaskIds
}
$script:TaskIds = $null

function Format-Ratio([double] $Value) { $Value.ToString('0.00', $Invariant) + 'x' }
function Format-Seconds([double] $Value) { $Value.ToString('0.00', $Invariant) + ' s' }

try {
    $journalCost = @()
    if ($Only -ne 'Resume') {
        $csv = Join-Path $Work 'rows.csv'
        Write-Csv $csv $Rows
        # The emulator answers its first requests slowly, while its code is compiled: an untimed run first.
        $null = Invoke-Child "Import-Csv '$csv' | Set-ProvTask -BatchSize 100 | Out-Null"
        $journalCost = foreach ($latency in 0, $LatencyMs) {
            if ($latency -gt 0) { Set-GovernanceEmulatorFault -Emulator $emulator -Api oig -Method PUT -LatencyMs $latency | Out-Null }
            $runs = if ($latency -eq 0) { $Repeat } else { 1 }
            # Without and with alternate, so that whatever drifts during the measurement (the server's state, the
            # machine's load) weighs on both alike.
            $pairs = @(foreach ($run in 1..$runs) {
                $journal = Join-Path $Work ('cost-' + [guid]::NewGuid().ToString('N') + '.journal')
                [pscustomobject]@{
                    Without = (Invoke-Child "Import-Csv '$csv' | Set-ProvTask -BatchSize 100 | Out-Null").Seconds
                    With = (Invoke-Child "Import-Csv '$csv' | Set-ProvTask -BatchSize 100 -JournalPath '$journal' | Out-Null").Seconds
                }
            })
            $without = Get-Median @($pairs | ForEach-Object Without)
            $with = Get-Median @($pairs | ForEach-Object With)
            $ratio = Get-Median @($pairs | ForEach-Object { $_.With / $_.Without })
            Clear-GovernanceEmulatorFault -Emulator $emulator
            [pscustomobject]@{ LatencyMs = $latency; Without = $without; With = $with; Ratio = $ratio; Target = $(if ($latency -eq 0) { 1.15 } else { 1.05 }) }
        }
    }

    if ($Only -ne 'Cost') {
        # The journal of a run stopped after all but the last -RemainingRows rows: written by a real run of those rows.
        $all = Join-Path $Work 'resume.csv'
        Write-Csv $all $ResumeRows
        $firstPart = Join-Path $Work 'first-part.csv'
        [System.IO.File]::WriteAllLines($firstPart, @([System.IO.File]::ReadLines($all) | Select-Object -First ($ResumeRows - $RemainingRows + 1)))
        $remaining = Join-Path $Work 'remaining.csv'
        [System.IO.File]::WriteAllLines($remaining, @(@([System.IO.File]::ReadLines($all) | Select-Object -First 1) + @([System.IO.File]::ReadLines($all) | Select-Object -Skip ($ResumeRows - $RemainingRows + 1))))
        $journal = Join-Path $Work 'resume.journal'
        $null = Invoke-Child "Import-Csv '$firstPart' | Set-ProvTask -BatchSize 100 -JournalPath '$journal' | Out-Null"
        $resume = Invoke-Child "Import-Csv '$all' | Set-ProvTask -BatchSize 100 -JournalPath '$journal' | Out-Null"
        $fresh = Invoke-Child "Import-Csv '$remaining' | Set-ProvTask -BatchSize 100 | Out-Null"
        $importOnly = Invoke-Child "Import-Csv '$all' | Out-Null"
        $readInput = Read-InputSeconds $all
        $states = @(Get-GovernanceJournal -Path $journal | Group-Object State | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
    }

    if ($Only -ne 'Resume') {
        Write-Host ''
        Write-Host 'The cost of -JournalPath (Import-Csv | Set-ProvTask -BatchSize 100, SetNote rows)'
        foreach ($cost in $journalCost) {
            Write-Host ('  {0,6:N0} rows at {1,4} ms: without {2}, with {3}: {4} (target at most {5})' -f $Rows, $cost.LatencyMs, (Format-Seconds $cost.Without), (Format-Seconds $cost.With), (Format-Ratio $cost.Ratio), (Format-Ratio $cost.Target))
        }
    }

    if ($Only -ne 'Cost') {
        $reference = $fresh.Seconds + $readInput
        $importReference = $fresh.Seconds + $importOnly.Seconds
        Write-Host ''
        Write-Host ('Resuming a {0:N0}-row journal with {1:N0} rows to go: {2}' -f $ResumeRows, $RemainingRows, (Format-Seconds $resume.Seconds))
        Write-Host ('  a fresh {0:N0}-row run {1} + reading the input (Import-Csv and binding) {2} = {3}: {4} (target at most 2.00x)' -f $RemainingRows, (Format-Seconds $fresh.Seconds), (Format-Seconds $readInput), (Format-Seconds $reference), (Format-Ratio ($resume.Seconds / $reference)))
        Write-Host ('  against Import-Csv alone ({0}, binding left out): {1}' -f (Format-Seconds $importOnly.Seconds), (Format-Ratio ($resume.Seconds / $importReference)))
        Write-Host ('  peak working set while resuming: {0:N1} MB above idle (target at most 40 MB)' -f (($resume.PeakBytes - $resume.IdleBytes) / 1MB))
        Write-Host ('  the journal afterwards: {0}' -f $states)
    }
}
finally {
    Stop-GovernanceEmulator -Emulator $emulator
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}
