<#
.SYNOPSIS
    Measures Import-Csv | Set-ProvTask against what an admin would otherwise run, on the local emulator, and prints
    throughput, memory and Import-Module time as ratios measured in the same run.
.DESCRIPTION
    Builds the module when out/ lacks it (./build.ps1 Build), starts the emulator (GovernanceModule.Emulator) with
    enough generated OIG tasks, and prints:

    1. Throughput of `Import-Csv tasks.csv | Set-ProvTask -BatchSize 100` (SetNote rows, default settings otherwise)
       against three contenders, as rows/s and as the module's ratio to each:
         - a per-row Invoke-RestMethod loop (PUT .../provtasks/{taskid} per row),
         - a hand-written bulk script (Invoke-RestMethod, 100 tasks a PUT .../provtasks, body from ConvertTo-Json),
         - the floor: Import-Csv of the file plus a bare System.Net.Http.HttpClient sending bulk bodies that were
           built before timing started.
       At 0 ms it also times a reference: Import-Csv into a cmdlet that has Set-ProvTask's parameters and does
       nothing, the share of the module's time that PowerShell itself spends reading and binding the rows.
       At 0 ms server latency with -Rows rows (median of -Repeat runs), and with -LatencyMs added to every PUT answer
       with -LatencyRows rows (one run; the per-row loop is skipped there, it would take minutes).
    2. The peak working set of `Import-Csv | Set-ProvTask` (streamed) above an idle pwsh that has imported the module
       and connected, for each of -MemoryRows (median of -Repeat runs), and whether it stays flat.
    3. Import-Module time of out/GovernanceModule in a fresh process (median of 5, 3 with -Quick).
    It ends with the targets and where this run stands against them.

    Every measurement runs in a fresh child PowerShell of the same kind as this one ($PSHOME's pwsh, or powershell.exe
    in Windows PowerShell), started by bench/Invoke-BenchContender.ps1, so that no contender inherits another's JIT,
    loaded assemblies or heap. The child connects (or builds what is not timed) first and times only the pipeline.
    The emulator is reset before every run, and every run is checked on the emulator: the number of PUT requests it
    received (all answered 200) and the number of tasks that carry the run's own note must both match the rows, so no
    contender looks fast by failing. A run that fails the check is reported and the script exits with 1.

    The machine may be shared and noisy: compare the ratios within one run, not absolute times across runs.
    The default run takes about 5 minutes, most of it the per-row loop; -Quick takes well under a minute.
.PARAMETER Rows
    SetNote rows of the 0 ms throughput comparison (default 10000).
.PARAMETER LatencyRows
    Rows of the comparison with -LatencyMs per PUT answer (default 2000).
.PARAMETER LatencyMs
    Milliseconds the emulator waits before answering each PUT in the latency comparison (default 250).
.PARAMETER MemoryRows
    Row counts of the memory measurement (default 10000, 100000); from another shell write them as one argument,
    such as 10000,100000. Flatness compares the smallest with the largest.
.PARAMETER Repeat
    Runs per contender at 0 ms, and per row count of the memory measurement; the median is reported (default 3).
.PARAMETER Quick
    A small, fast run for smoke tests: 200 rows, 200 rows at 50 ms, memory at 200 and 2000 rows, one run each, Import-
    Module 3 times. Parameters given explicitly still win. The figures are not comparable to the targets.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./bench/Compare-Throughput.ps1

    The full benchmark with the defaults the targets are stated for.
.EXAMPLE
    dotnet pwsh ./bench/Compare-Throughput.ps1 -Quick

    A quick smoke run: every contender and measurement once, on a few hundred rows.
.EXAMPLE
    ./bench/Compare-Throughput.ps1 -Rows 20000 -Repeat 5 -LatencyMs 100 -MemoryRows 10000, 200000

    More rows and runs, a shorter latency, and memory up to 200,000 rows.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 1000000)]
    [int] $Rows = 10000,

    [ValidateRange(1, 1000000)]
    [int] $LatencyRows = 2000,

    [ValidateRange(0, 60000)]
    [int] $LatencyMs = 250,

    [string[]] $MemoryRows = @('10000', '100000'),

    [ValidateRange(1, 15)]
    [int] $Repeat = 3,

    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Defaults = @{ Rows = 10000; LatencyRows = 2000; LatencyMs = 250; MemoryRows = '10000,100000'; Repeat = 3 }
$ImportRuns = 5
if ($Quick) {
    if (-not $PSBoundParameters.ContainsKey('Rows')) { $Rows = 200 }
    if (-not $PSBoundParameters.ContainsKey('LatencyRows')) { $LatencyRows = 200 }
    if (-not $PSBoundParameters.ContainsKey('LatencyMs')) { $LatencyMs = 50 }
    if (-not $PSBoundParameters.ContainsKey('MemoryRows')) { $MemoryRows = @('200', '2000') }
    if (-not $PSBoundParameters.ContainsKey('Repeat')) { $Repeat = 1 }
    $ImportRuns = 3
}
# -MemoryRows 10000, 100000 from PowerShell, or '10000,100000' from another shell (pwsh -File passes it as one string).
$parsedCounts = foreach ($item in $MemoryRows) {
    foreach ($part in ([string] $item).Split(',')) {
        if ($part.Trim() -eq '') { continue }
        $count = 0
        if (-not [int]::TryParse($part.Trim(), [System.Globalization.NumberStyles]::None, [System.Globalization.CultureInfo]::InvariantCulture, [ref] $count) -or $count -lt 1 -or $count -gt 5000000) {
            throw "-MemoryRows takes row counts from 1 to 5000000, such as 10000, 100000 or '10000,100000'; '$part' is not one."
        }
        $count
    }
}
# An int array of its own: assigned back to the [string[]] parameter, the counts would become strings again.
$MemoryCounts = [int[]] @($parsedCounts | Sort-Object -Unique)
if ($MemoryCounts.Count -eq 0) { throw '-MemoryRows needs at least one row count.' }
$BatchSize = 100

$Root = Split-Path $PSScriptRoot -Parent
$ModuleManifest = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
$EmulatorManifest = Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1'
$ChildScript = Join-Path $PSScriptRoot 'Invoke-BenchContender.ps1'
$OnWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
$Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$NoteField = 'Process Instance.Task Details.Note'

$Names = @{
    Module     = 'Import-Csv | Set-ProvTask'
    PerRow     = 'per-row Invoke-RestMethod loop'
    BulkScript = 'bulk Invoke-RestMethod script'
    Floor      = 'floor: Import-Csv + HttpClient'
    Binding    = 'PowerShell binding the rows alone'
}

#region helpers

# Get-PowerShellPath, Get-DotnetRoot, Join-NativeArgument: shared with build.ps1.
. (Join-Path $Root 'tools/ScriptHelpers.ps1')

function Format-Number {
    param([double] $Value, [string] $Format = 'N0')
    $Value.ToString($Format, $Invariant)
}

function Write-Line {
    param([string] $Text = '')
    Write-Host $Text
}

function Get-Median {
    param([double[]] $Value)
    $sorted = @($Value | Sort-Object)
    $middle = [int] [Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2 -eq 1) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Invoke-BenchChild {
    # Runs one measurement in a fresh PowerShell and returns what it reported (its BENCH-RESULT line).
    param(
        [Parameter(Mandatory)] [string] $Contender,
        [string] $CsvPath,
        [int] $TimeoutSec = 3600
    )
    $arguments = @('-NoProfile', '-NonInteractive')
    if ($OnWindows) { $arguments += @('-ExecutionPolicy', 'Bypass') }
    $arguments += @('-File', $ChildScript, '-Contender', $Contender, '-ModulePath', $ModuleManifest, '-BatchSize', [string] $BatchSize)
    if ($CsvPath) { $arguments += @('-CsvPath', $CsvPath, '-Uri', $Emulator.Uri, '-UserName', $OigUser) }

    $info = New-Object System.Diagnostics.ProcessStartInfo($ChildPowerShell)
    $info.Arguments = Join-NativeArgument $arguments
    $info.UseShellExecute = $false
    $info.CreateNoWindow = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.WorkingDirectory = $WorkFolder
    $info.EnvironmentVariables['GOVBENCH_OIG_PASSWORD'] = $OigPassword
    $info.EnvironmentVariables['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
    $info.EnvironmentVariables['POWERSHELL_UPDATECHECK'] = 'Off'
    $info.EnvironmentVariables['NO_COLOR'] = '1'
    if ($DotnetRoot -and -not $info.EnvironmentVariables.ContainsKey('DOTNET_ROOT')) { $info.EnvironmentVariables['DOTNET_ROOT'] = $DotnetRoot }

    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            try { $process.Kill() } catch [System.InvalidOperationException] { }
            $process.WaitForExit()
            throw "The $Contender run did not end within $TimeoutSec s and was stopped."
        }
        $process.WaitForExit()
        $output = $stdout.Result
        $errors = $stderr.Result
        $line = @($output -split '\r?\n' | Where-Object { $_ -like 'BENCH-RESULT *' }) | Select-Object -Last 1
        if ($process.ExitCode -ne 0 -or -not $line) {
            throw "The $Contender run failed (exit code $($process.ExitCode)).`n$($output.Trim())`n$($errors.Trim())"
        }
        $line.Substring('BENCH-RESULT '.Length) | ConvertFrom-Json
    }
    finally {
        $process.Dispose()
    }
}

function New-TaskCsv {
    # SetNote rows for the generated tasks 100000, 100001, ..., all with one note, as Export-Csv writes them.
    param([Parameter(Mandatory)] [int] $Count, [Parameter(Mandatory)] [string] $Note, [Parameter(Mandatory)] [string] $Name)
    $path = Join-Path $WorkFolder ($Name + '.csv')
    $writer = New-Object System.IO.StreamWriter($path, $false, (New-Object System.Text.UTF8Encoding($false)))
    try {
        $writer.WriteLine('"TaskId","Action","Note"')
        $quotedNote = '"' + $Note.Replace('"', '""') + '"'
        for ($i = 0; $i -lt $Count; $i++) {
            $writer.WriteLine('"' + ($FirstTaskId + $i).ToString($Invariant) + '","SetNote",' + $quotedNote)
        }
    }
    finally {
        $writer.Dispose()
    }
    $path
}

function Get-OigHeader {
    @{ Authorization = 'Basic ' + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($OigUser + ':' + $OigPassword)) }
}

function Test-NoteCountAtLeast {
    # True when at least $Count tasks carry $Note: GET provtasks?q=<note> at the 1-based offset $Count returns a task.
    param([string] $Note, [long] $Count)
    if ($Count -le 0) { return $true }
    # OIG's filter writes a space inside a name or value as '::'.
    $q = [System.Uri]::EscapeDataString($NoteField.Replace(' ', '::') + ' eq ' + $Note.Replace(' ', '::'))
    $page = Invoke-RestMethod -Uri "$ApiBase/provtasks?q=$q&offset=$Count&limit=1" -Headers (Get-OigHeader) -UseBasicParsing
    [int] $page.count -ge 1
}

function Get-NoteCount {
    # How many tasks carry $Note, read with the task list's filter: two probes when it is $Expected, else a search.
    param([string] $Note, [int] $Expected)
    if ((Test-NoteCountAtLeast $Note $Expected) -and -not (Test-NoteCountAtLeast $Note ($Expected + 1))) { return $Expected }
    $low = 0
    $high = $TaskCount
    while ($low -lt $high) {
        $mid = [long] [Math]::Ceiling(($low + $high) / 2)
        if (Test-NoteCountAtLeast $Note $mid) { $low = $mid } else { $high = $mid - 1 }
    }
    $low
}

function Get-PutSummary {
    # The PUT requests the emulator received since the last reset, from its journal.
    $journal = Invoke-RestMethod -Uri "$($Emulator.Uri)/_emulator/journal?api=oig" -UseBasicParsing
    $puts = 0
    $ok = 0
    $bulk = 0
    foreach ($entry in @($journal | ForEach-Object { $_ })) {
        if ($null -eq $entry -or $entry.method -ne 'PUT') { continue }
        $puts++
        if ([int] $entry.status -eq 200) { $ok++ }
        if ([string] $entry.path -like '*/provtasks') { $bulk++ }
    }
    [pscustomobject]@{ Puts = $puts; Ok = $ok; Bulk = $bulk }
}

function Test-RunApplied {
    # Checks on the emulator that the run applied every row; returns the check with a one-line account.
    param([string] $Contender, [int] $RowCount, [string] $Note, $Result)
    $expectedPuts = [int] [Math]::Ceiling($RowCount / $BatchSize)
    if ($Contender -eq 'PerRow') { $expectedPuts = $RowCount }
    $puts = Get-PutSummary
    $noted = Get-NoteCount -Note $Note -Expected $RowCount
    $passed = $puts.Puts -eq $expectedPuts -and $puts.Ok -eq $puts.Puts -and $noted -eq $RowCount -and [int] $Result.applied -eq $RowCount
    $kind = 'bulk'
    if ($Contender -eq 'PerRow') { $kind = 'single-task' }
    $verdict = 'applied'
    if (-not $passed) { $verdict = 'NOT APPLIED' }
    $text = '{0} {1}/{2} rows ({3} {4} PUT requests, {5} answered 200, expected {6}; {7} tasks carry the run''s note; {8} successes reported)' -f `
        $verdict, $noted, $RowCount, $puts.Puts, $kind, $puts.Ok, $expectedPuts, $noted, $Result.applied
    $errors = $Result.PSObject.Properties['errors']
    if ($errors -and [int] $errors.Value -gt 0) {
        $text += '; {0} error(s), the first: {1}' -f $errors.Value, $Result.firstError
    }
    [pscustomobject]@{ Passed = $passed; Text = $text; Noted = $noted; Puts = $puts.Puts }
}

function Test-RowsBound {
    # The binding-only reference sends nothing: its check is that every row reached its ProcessRecord.
    param([int] $RowCount, $Result)
    $passed = [int] $Result.rows -eq $RowCount
    $verdict = 'bound'
    if (-not $passed) { $verdict = 'NOT BOUND' }
    [pscustomobject]@{ Passed = $passed; Text = ('{0} {1}/{2} rows (a reference: Import-Csv | a cmdlet with Set-ProvTask''s parameters that sends nothing)' -f $verdict, $Result.rows, $RowCount) }
}

function Invoke-ThroughputScenario {
    # Runs each contender $Runs times (interleaved, so that a slow spell of the machine hits all alike) and returns
    # one summary per contender.
    param([string] $Label, [int] $RowCount, [int] $Latency, [string[]] $Contenders, [int] $Runs)
    $seconds = @{}
    foreach ($contender in $Contenders) { $seconds[$contender] = [System.Collections.Generic.List[double]]::new() }
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($contender in $Contenders) {
            $note = 'Checked by the service desk, bench {0} {1} run {2}' -f $Label, $contender, $run
            $csv = New-TaskCsv -Count $RowCount -Note $note -Name ('{0}-{1}-{2}' -f $Label, $contender, $run)
            Reset-GovernanceEmulator -Emulator $Emulator
            if ($Latency -gt 0) { $null = Set-GovernanceEmulatorFault -Emulator $Emulator -Api oig -Method PUT -LatencyMs $Latency }
            $result = $null
            $failure = $null
            try {
                $result = Invoke-BenchChild -Contender $contender -CsvPath $csv
            }
            catch {
                $failure = $_.Exception.Message
            }
            Clear-GovernanceEmulatorFault -Emulator $Emulator
            Remove-Item -LiteralPath $csv -ErrorAction SilentlyContinue
            $prefix = '  run {0}/{1}  {2,-32}' -f $run, $Runs, $Names[$contender]
            if ($failure) {
                $script:Failures.Add("$Label $($Names[$contender]) run ${run}: $failure")
                Write-Line ('{0} FAILED: {1}' -f $prefix, $failure)
                continue
            }
            if ($contender -eq 'Binding') { $check = Test-RowsBound -RowCount $RowCount -Result $result }
            else { $check = Test-RunApplied -Contender $contender -RowCount $RowCount -Note $note -Result $result }
            Write-Line ('{0} {1,8} s  {2}' -f $prefix, (Format-Number $result.seconds 'N3'), $check.Text)
            if ($check.Passed) {
                $seconds[$contender].Add([double] $result.seconds)
            }
            else {
                $script:Failures.Add("$Label $($Names[$contender]) run ${run}: $($check.Text)")
            }
        }
    }
    foreach ($contender in $Contenders) {
        $median = $null
        if ($seconds[$contender].Count -eq $Runs) { $median = Get-Median $seconds[$contender].ToArray() }
        [pscustomobject]@{ Contender = $contender; Seconds = $median; Runs = $seconds[$contender].ToArray(); Rows = $RowCount }
    }
}

function Write-ThroughputTable {
    # Rows/s of each contender and the module's ratio to it (module rows/s / contender rows/s = contender time / module time).
    param($Summary)
    $module = $Summary | Where-Object { $_.Contender -eq 'Module' }
    Write-Line ('  {0,-32} {1,10} {2,10}   {3}' -f 'contender', 'time s', 'rows/s', 'module vs it (rows/s ratio)')
    foreach ($entry in $Summary) {
        if ($null -eq $entry.Seconds) {
            Write-Line ('  {0,-32} {1,10} {2,10}   {3}' -f $Names[$entry.Contender], '-', '-', 'no valid run')
            continue
        }
        $rate = $entry.Rows / $entry.Seconds
        $ratio = '(the module)'
        if ($entry.Contender -ne 'Module' -and $null -ne $module.Seconds) {
            $ratio = '{0}x' -f (Format-Number ($entry.Seconds / $module.Seconds) 'N2')
            if ($entry.Contender -eq 'Floor') {
                $ratio += ' (the module takes {0}x the floor''s time)' -f (Format-Number ($module.Seconds / $entry.Seconds) 'N2')
            }
            if ($entry.Contender -eq 'Binding') {
                $ratio = '(a reference: {0} % of the module''s time)' -f (Format-Number (100 * $entry.Seconds / $module.Seconds) 'N0')
            }
        }
        Write-Line ('  {0,-32} {1,10} {2,10}   {3}' -f $Names[$entry.Contender], (Format-Number $entry.Seconds 'N3'), (Format-Number $rate 'N0'), $ratio)
    }
}

function Get-Ratio {
    # The module's rows/s over the contender's, or $null without valid runs of both.
    param($Summary, [string] $Contender)
    $module = $Summary | Where-Object { $_.Contender -eq 'Module' }
    $other = $Summary | Where-Object { $_.Contender -eq $Contender }
    if ($null -eq $module -or $null -eq $other -or $null -eq $module.Seconds -or $null -eq $other.Seconds) { return $null }
    $other.Seconds / $module.Seconds
}

function Get-MB {
    param([double] $Bytes)
    $Bytes / 1MB
}

#endregion

$Failures = [System.Collections.Generic.List[string]]::new()
$started = [System.Diagnostics.Stopwatch]::StartNew()

if (-not (Test-Path -LiteralPath $ModuleManifest) -or -not (Test-Path -LiteralPath $EmulatorManifest)) {
    Write-Line 'out/ has no built module: running ./build.ps1 Build first.'
    & (Join-Path $Root 'build.ps1') -Task Build
}

$ChildPowerShell = Get-PowerShellPath
if (-not (Test-Path -LiteralPath $ChildPowerShell -PathType Leaf)) {
    throw "No PowerShell to start the measurements with: $ChildPowerShell does not exist."
}
$DotnetRoot = $env:DOTNET_ROOT
if (-not $DotnetRoot) { $DotnetRoot = Get-DotnetRoot }

$FirstTaskId = 100000
$TaskCount = [int] [Math]::Max([Math]::Max($Rows, $LatencyRows), ($MemoryCounts | Measure-Object -Maximum).Maximum)
$JournalCapacity = [Math]::Max(100000, $Rows + 1000)
$WorkFolder = Join-Path ([System.IO.Path]::GetTempPath()) ('governance-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $WorkFolder

Import-Module $EmulatorManifest -Force
$Emulator = $null
try {
    $Emulator = Start-GovernanceEmulator -ArgumentList '--Emulator:OigGeneratedTasks', ([string] $TaskCount), '--Emulator:JournalCapacity', ([string] $JournalCapacity)
    $OigUser = $Emulator.OigCredential.UserName
    $OigPassword = $Emulator.OigCredential.GetNetworkCredential().Password
    $ApiBase = "$($Emulator.Uri)/iam/governance/selfservice/api/v1"

    $edition = $PSVersionTable.PSEdition
    Write-Line 'Compare-Throughput: GovernanceModule against what an admin would otherwise run, on the local emulator'
    Write-Line ('PowerShell {0} ({1}), {2}, {3} logical processors' -f $PSVersionTable.PSVersion, $edition, [System.Runtime.InteropServices.RuntimeInformation]::OSDescription, [Environment]::ProcessorCount)
    Write-Line "Each measurement runs in a fresh $ChildPowerShell and times only its pipeline (connected first),"
    Write-Line 'as the first pipeline of its process: JIT warm-up included, as in a runbook that runs once.'
    Write-Line ('Emulator {0}, {1} generated tasks ({2}..{3}), reset before every run.' -f $Emulator.Uri, (Format-Number $TaskCount), $FirstTaskId, ($FirstTaskId + $TaskCount - 1))
    Write-Line 'The machine may be shared: read the ratios, which are measured in this run; absolute times vary.'
    if ($Quick) { Write-Line 'Quick run: small numbers for a smoke test, not comparable to the targets.' }

    # 1a. 0 ms
    Write-Line ''
    Write-Line ('== 1. Throughput at 0 ms server latency: {0} SetNote rows, -BatchSize {1}, median of {2} run(s)' -f (Format-Number $Rows), $BatchSize, $Repeat)
    $zero = @(Invoke-ThroughputScenario -Label '0ms' -RowCount $Rows -Latency 0 -Contenders @('Module', 'PerRow', 'BulkScript', 'Floor', 'Binding') -Runs $Repeat)
    Write-Line ''
    Write-ThroughputTable $zero
    Write-Line '  The binding reference is Import-Csv into a cmdlet that has Set-ProvTask''s parameters and does nothing: the part'
    Write-Line '  of the module''s time that PowerShell spends reading and binding the rows, before any of the module''s code runs.'

    # 1b. latency
    Write-Line ''
    Write-Line ('== 1. Throughput at {0} ms per PUT answer: {1} rows, one run each' -f $LatencyMs, (Format-Number $LatencyRows))
    Write-Line ('  The per-row loop is skipped here: {0} requests at {1} ms each would take at least {2} s.' -f (Format-Number $LatencyRows), $LatencyMs, (Format-Number ($LatencyRows * $LatencyMs / 1000.0)))
    $slow = @(Invoke-ThroughputScenario -Label "${LatencyMs}ms" -RowCount $LatencyRows -Latency $LatencyMs -Contenders @('Module', 'BulkScript', 'Floor') -Runs 1)
    Write-Line ''
    Write-ThroughputTable $slow

    # 2. memory
    Write-Line ''
    Write-Line ('== 2. Peak working set of Import-Csv | Set-ProvTask (results streamed on), above an idle pwsh with the module imported and connected; median of {0} run(s)' -f $Repeat)
    $memoryRuns = @{}
    foreach ($count in $MemoryCounts) { $memoryRuns[$count] = [System.Collections.Generic.List[object]]::new() }
    $peakSource = $null
    for ($run = 1; $run -le $Repeat; $run++) {
        foreach ($count in $MemoryCounts) {
            $note = 'Checked by the service desk, bench memory {0} run {1}' -f $count, $run
            $csv = New-TaskCsv -Count $count -Note $note -Name ('memory-{0}-{1}' -f $count, $run)
            Reset-GovernanceEmulator -Emulator $Emulator
            $prefix = '  run {0}/{1} {2,9} rows' -f $run, $Repeat, (Format-Number $count)
            try {
                $result = Invoke-BenchChild -Contender Memory -CsvPath $csv
            }
            catch {
                $Failures.Add("memory $count rows run ${run}: $($_.Exception.Message)")
                Write-Line ('{0}  FAILED: {1}' -f $prefix, $_.Exception.Message)
                continue
            }
            finally {
                Remove-Item -LiteralPath $csv -ErrorAction SilentlyContinue
            }
            $check = Test-RunApplied -Contender Memory -RowCount $count -Note $note -Result $result
            $entry = [pscustomobject]@{
                Idle = [double] $result.idleBytes; Peak = [double] $result.peakBytes; Above = [double] $result.peakBytes - [double] $result.idleBytes
                PeakBeforeRun = [double] $result.peakBeforeRunBytes; Seconds = [double] $result.seconds
            }
            if ($null -eq $peakSource) {
                $peakSource = [string] $result.peakSource
                if (-not [bool] $result.peakReset) {
                    $peakSource += ('; it includes the start of the process (before the run it stood at {0} MB)' -f (Format-Number (Get-MB $entry.PeakBeforeRun) 'N1'))
                }
            }
            Write-Line ('{0}  idle {1,6} MB  peak {2,6} MB  above idle {3,6} MB  {4,7} rows/s  {5}' -f $prefix, (Format-Number (Get-MB $entry.Idle) 'N1'),
                (Format-Number (Get-MB $entry.Peak) 'N1'), (Format-Number (Get-MB $entry.Above) 'N1'), (Format-Number ($count / $entry.Seconds)), $check.Text)
            if ($check.Passed) { $memoryRuns[$count].Add($entry) }
            else { $Failures.Add("memory $count rows run ${run}: $($check.Text)") }
        }
    }
    $memory = [System.Collections.Generic.List[object]]::new()
    Write-Line ''
    Write-Line ('  {0,9}  {1,12}  {2,12}  {3,18}' -f 'rows', 'idle MB', 'peak MB', 'above idle MB')
    foreach ($count in $MemoryCounts) {
        $runs = $memoryRuns[$count].ToArray()
        if ($runs.Count -ne $Repeat) {
            Write-Line ('  {0,9}  no valid run' -f (Format-Number $count))
            continue
        }
        $entry = [pscustomobject]@{
            Rows = $count
            Idle = Get-Median @($runs | ForEach-Object { $_.Idle })
            Peak = Get-Median @($runs | ForEach-Object { $_.Peak })
            Above = Get-Median @($runs | ForEach-Object { $_.Above })
        }
        $memory.Add($entry)
        Write-Line ('  {0,9}  {1,12}  {2,12}  {3,18}' -f (Format-Number $count), (Format-Number (Get-MB $entry.Idle) 'N1'), (Format-Number (Get-MB $entry.Peak) 'N1'), (Format-Number (Get-MB $entry.Above) 'N1'))
    }
    if ($peakSource) { Write-Line ('  Peak read from: {0}; each figure is the median of its runs.' -f $peakSource) }
    $flat = $null
    $flatText = 'n/a'
    if ($memory.Count -ge 2 -and $memory[0].Rows -eq $MemoryCounts[0] -and $memory[$memory.Count - 1].Rows -eq $MemoryCounts[$MemoryCounts.Count - 1]) {
        $small = $memory[0]
        $large = $memory[$memory.Count - 1]
        # Flat: for many times the rows, the peak above idle grows by at most 25 % of the smallest run's, or 5 MB
        # (the run-to-run noise of the garbage collector's timing), whichever is more.
        $allowance = [Math]::Max($small.Above * 0.25, 5MB)
        $growth = $large.Above - $small.Above
        $flat = $growth -le $allowance
        $flatWord = 'no'
        if ($flat) { $flatWord = 'yes' }
        $flatText = '{0} -> {1} MB' -f (Format-Number (Get-MB $small.Above) 'N1'), (Format-Number (Get-MB $large.Above) 'N1')
        $perRow = $growth / ($large.Rows - $small.Rows)
        Write-Line ('  Flat from {0} to {1} rows: {2} ({3} above idle, {4} bytes per extra row; flat = grows by at most 25 % or 5 MB, whichever is more).' -f `
            (Format-Number $small.Rows), (Format-Number $large.Rows), $flatWord, $flatText, (Format-Number $perRow 'N0'))
        if (-not $flat) {
            Write-Line ('  Two points cannot tell a rise that levels off (the garbage collector sizing its heap) from memory kept per row: add a larger count, e.g. -MemoryRows {0},{1},{2}.' -f `
                $small.Rows, $large.Rows, ($large.Rows * 3))
        }
    }

    # 3. Import-Module
    Write-Line ''
    Write-Line ('== 3. Import-Module out/GovernanceModule in a fresh process, median of {0}' -f $ImportRuns)
    $imports = [System.Collections.Generic.List[double]]::new()
    for ($i = 1; $i -le $ImportRuns; $i++) {
        try {
            $imports.Add([double] (Invoke-BenchChild -Contender Import).seconds)
        }
        catch {
            $Failures.Add("Import-Module run ${i}: $($_.Exception.Message)")
            Write-Line ('  run {0}/{1} FAILED: {2}' -f $i, $ImportRuns, $_.Exception.Message)
        }
    }
    $importMedian = $null
    if ($imports.Count -gt 0) {
        $importMedian = Get-Median $imports.ToArray()
        Write-Line ('  runs: {0} s; median {1} s' -f (($imports | ForEach-Object { Format-Number $_ 'N3' }) -join ', '), (Format-Number $importMedian 'N3'))
    }

    # Targets
    Write-Line ''
    Write-Line '== Targets'
    $defaultsUsed = $Rows -eq $Defaults.Rows -and $LatencyRows -eq $Defaults.LatencyRows -and $LatencyMs -eq $Defaults.LatencyMs -and ($MemoryCounts -join ',') -eq $Defaults.MemoryRows -and $Repeat -ge $Defaults.Repeat
    if (-not $defaultsUsed) {
        Write-Line ('  The targets are stated for -Rows {0} -LatencyRows {1} -LatencyMs {2} -MemoryRows {3} -Repeat {4}; this run used other numbers.' -f $Defaults.Rows, $Defaults.LatencyRows, $Defaults.LatencyMs, $Defaults.MemoryRows, $Defaults.Repeat)
    }
    $targets = [System.Collections.Generic.List[object]]::new()
    function Add-Target {
        param([string] $Target, [string] $Measured, $Met, [string] $Note = '')
        $status = 'n/a'
        if ($Met -eq $true) { $status = 'met' } elseif ($Met -eq $false) { $status = 'MISSED' }
        if ($Note -and $Met -eq $false) { $status += " ($Note)" }
        $targets.Add([pscustomobject]@{ Target = $Target; Measured = $Measured; Status = $status })
    }
    $ratio = Get-Ratio $zero 'BulkScript'
    if ($null -ne $ratio) { Add-Target '0 ms: module >= 2x the bulk script''s rows/s' ('{0}x' -f (Format-Number $ratio 'N2')) ($ratio -ge 2) }
    else { Add-Target '0 ms: module >= 2x the bulk script''s rows/s' 'no valid run' $null }
    $ratio = Get-Ratio $zero 'Floor'
    if ($null -ne $ratio) { Add-Target '0 ms: module time <= 1.5x the floor''s' ('{0}x' -f (Format-Number (1 / $ratio) 'N2')) ((1 / $ratio) -le 1.5) }
    else { Add-Target '0 ms: module time <= 1.5x the floor''s' 'no valid run' $null }
    $ratio = Get-Ratio $slow 'BulkScript'
    $latencyTarget = '{0} ms: module >= 3.5x the bulk script''s rows/s' -f $LatencyMs
    if ($null -ne $ratio) { Add-Target $latencyTarget ('{0}x' -f (Format-Number $ratio 'N2')) ($ratio -ge 3.5) }
    else { Add-Target $latencyTarget 'no valid run' $null }
    if ($memory.Count -gt 0) {
        $large = $memory[$memory.Count - 1]
        Add-Target ('{0} rows: peak <= 40 MB above idle' -f (Format-Number $large.Rows)) ('{0} MB' -f (Format-Number (Get-MB $large.Above) 'N1')) ($large.Above -le 40MB)
    }
    else { Add-Target 'peak <= 40 MB above idle' 'no valid run' $null }
    Add-Target ('peak flat from {0} rows' -f (Format-Number $MemoryCounts[0])) $flatText $flat
    if ($null -ne $importMedian) { Add-Target 'Import-Module < 0.25 s' ('{0} s' -f (Format-Number $importMedian 'N3')) ($importMedian -lt 0.25) }
    else { Add-Target 'Import-Module < 0.25 s' 'no valid run' $null }

    Write-Line ('  {0,-48} {1,-16} {2}' -f 'target', 'this run', 'status')
    foreach ($target in $targets) { Write-Line ('  {0,-48} {1,-16} {2}' -f $target.Target, $target.Measured, $target.Status) }
    Write-Line ''
    Write-Line ('Finished in {0} s.' -f (Format-Number $started.Elapsed.TotalSeconds 'N0'))
}
finally {
    if ($Emulator) { Stop-GovernanceEmulator -Emulator $Emulator }
    Remove-Item -LiteralPath $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue
}

if ($Failures.Count -gt 0) {
    Write-Line ''
    Write-Line ('{0} measurement(s) failed or did not apply every row:' -f $Failures.Count)
    foreach ($failure in $Failures) { Write-Line ('  ' + ($failure -split '\r?\n')[0]) }
    exit 1
}
