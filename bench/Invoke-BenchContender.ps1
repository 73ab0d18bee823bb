<#
.SYNOPSIS
    One measurement of bench/Compare-Throughput.ps1, run in a fresh PowerShell process of its own.
.DESCRIPTION
    Not meant to be run by hand: Compare-Throughput.ps1 starts it once per measurement, so that no contender inherits
    another's JIT-compiled code, loaded assemblies or heap. It sets up (imports, connects, builds what is not timed),
    times only the work itself with a Stopwatch, and prints one line
        BENCH-RESULT {"contender":...,"seconds":...,"applied":...}
    that the parent reads. The OIG password comes from the environment variable GOVBENCH_OIG_PASSWORD, never from the
    command line.

    Contenders:
      Module      Import-Csv | Set-ProvTask -BatchSize 100 (the module, default settings otherwise)
      PerRow      Import-Csv | ForEach-Object { Invoke-RestMethod PUT .../provtasks/{taskid} }, one request per row
      BulkScript  a hand-written bulk script: Import-Csv, 100 rows a request, body built with ConvertTo-Json,
                  Invoke-RestMethod PUT .../provtasks
      Floor       Import-Csv of the file plus a bare System.Net.Http.HttpClient sending bulk bodies built beforehand
      Binding     Import-Csv | a cmdlet that does nothing but has Set-ProvTask's parameters: what PowerShell itself
                  spends reading and binding the rows, a part of the module's time that no cmdlet can remove
      Memory      Import-Csv | Set-ProvTask streamed into a counter, with the working set before and the peak after
      Import      Import-Module of the module, nothing else
    Windows PowerShell 5.1 syntax only.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('Module', 'PerRow', 'BulkScript', 'Floor', 'Binding', 'Memory', 'Import')]
    [string] $Contender,

    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $CsvPath,
    [string] $Uri,
    [string] $UserName = 'xelsysadm',
    [int] $BatchSize = 100
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# What OIG's Self Service REST API takes (docs/api-contracts.md 2.1-2.3, and GovernanceModule.Core's
# OigConnection, ApiClient and ProvTaskPayload): the API base, Basic auth, X-Requested-By on every PUT, a JSON body.
$NoteField = 'Process Instance.Task Details.Note'
$ContentType = 'application/json; charset=utf-8'

function Write-BenchResult {
    param([hashtable] $Result)
    $Result['contender'] = $Contender
    $Result['psVersion'] = $PSVersionTable.PSVersion.ToString()
    'BENCH-RESULT ' + ($Result | ConvertTo-Json -Compress -Depth 3)
}

function Get-ApiBase {
    $Uri.TrimEnd('/') + '/iam/governance/selfservice/api/v1'
}

function Get-Password {
    $password = $env:GOVBENCH_OIG_PASSWORD
    if (-not $password) { throw 'GOVBENCH_OIG_PASSWORD is not set: this script is started by Compare-Throughput.ps1.' }
    $password
}

function Get-Header {
    # The headers an admin's script sends, the same ones the module sends.
    $pair = $UserName + ':' + (Get-Password)
    @{
        'Authorization'  = 'Basic ' + [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($pair))
        'X-Requested-By' = 'Compare-Throughput'
        'Accept'         = 'application/json'
    }
}

function Connect-Module {
    Import-Module $ModulePath
    $secure = New-Object System.Security.SecureString
    foreach ($character in (Get-Password).ToCharArray()) { $secure.AppendChar($character) }
    $credential = New-Object System.Management.Automation.PSCredential($UserName, $secure)
    Connect-OigServer -Uri $Uri -Credential $credential
}

function New-BindingOnlyCommand {
    # Compiles Test-BindingOnly: Set-ProvTask's parameters (types, aliases, pipeline binding, null and empty rules),
    # read from the module itself, and a ProcessRecord that only counts the rows.
    Import-Module $ModulePath
    $command = Get-Command Set-ProvTask
    $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
    $properties = foreach ($parameter in $command.Parameters.Values) {
        if ($common -contains $parameter.Name) { continue }
        $attributes = foreach ($attribute in $parameter.Attributes) {
            if ($attribute -is [System.Management.Automation.ParameterAttribute]) {
                $named = @('ParameterSetName = "{0}"' -f $attribute.ParameterSetName)
                if ($attribute.Mandatory) { $named += 'Mandatory = true' }
                if ($attribute.Position -ge 0) { $named += 'Position = {0}' -f $attribute.Position }
                if ($attribute.ValueFromPipeline) { $named += 'ValueFromPipeline = true' }
                if ($attribute.ValueFromPipelineByPropertyName) { $named += 'ValueFromPipelineByPropertyName = true' }
                '[Parameter({0})]' -f ($named -join ', ')
            }
            elseif ($attribute -is [System.Management.Automation.AliasAttribute]) {
                '[Alias({0})]' -f (($attribute.AliasNames | ForEach-Object { '"' + $_ + '"' }) -join ', ')
            }
            elseif ($attribute -is [System.Management.Automation.AllowNullAttribute]) { '[AllowNull]' }
            elseif ($attribute -is [System.Management.Automation.AllowEmptyStringAttribute]) { '[AllowEmptyString]' }
        }
        # The module's own types (the -Connection object) are not referenced here; no CSV column binds to them.
        $type = $parameter.ParameterType
        $typeName = 'object'
        if ($type.Assembly -eq [object].Assembly -or $type.Assembly -eq [psobject].Assembly) { $typeName = $type.FullName }
        '{0} public {1} {2} {{ get; set; }}' -f ($attributes -join ' '), $typeName, $parameter.Name
    }
    $source = @(
        'using System.Management.Automation;'
        '[Cmdlet(VerbsDiagnostic.Test, "BindingOnly", SupportsShouldProcess = true)]'
        'public sealed class TestBindingOnlyCommand : PSCmdlet {'
        '    public static int Rows;'
        $properties
        '    protected override void ProcessRecord() { Rows++; }'
        '}'
    ) -join [System.Environment]::NewLine
    $type = Add-Type -TypeDefinition $source -PassThru | Where-Object { $_.Name -eq 'TestBindingOnlyCommand' }
    Import-Module -Assembly $type.Assembly
    $type
}

function Get-FirstError {
    # The first error of a run, as one line, for the parent's report; $null when there was none.
    param($Errors)
    $first = @($Errors | Where-Object { $null -ne $_ }) | Select-Object -First 1
    if ($null -eq $first) { return $null }
    $text = ([string] $first) -replace '\s+', ' '
    if ($text.Length -gt 300) { $text = $text.Substring(0, 297) + '...' }
    $text
}

function Get-SuccessCount {
    # Answers of OIG (single-task PUT answers, or the tasks of bulk answers) that say SUCCESS.
    param($Answer)
    $count = 0
    foreach ($item in $Answer) {
        if ($null -ne $item -and $item.PSObject.Properties['status'] -and $item.status -eq 'SUCCESS') { $count++ }
    }
    $count
}

function Get-MemoryReading {
    # Linux: VmHWM of /proc/self/status, the peak resident set, which writing 5 to /proc/self/clear_refs resets to
    # the current size. Elsewhere: Process.PeakWorkingSet64, the peak since the process started.
    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    $process.Refresh()
    $reading = @{ WorkingSet = $process.WorkingSet64; Peak = $process.PeakWorkingSet64; PeakSource = 'Process.PeakWorkingSet64 (since process start)' }
    if (Test-Path -LiteralPath '/proc/self/status') {
        foreach ($line in [System.IO.File]::ReadAllLines('/proc/self/status')) {
            if ($line -match '^VmHWM:\s+(\d+)\s+kB') { $reading.Peak = [long] $Matches[1] * 1024; $reading.PeakSource = 'VmHWM of /proc/self/status' }
            elseif ($line -match '^VmRSS:\s+(\d+)\s+kB') { $reading.WorkingSet = [long] $Matches[1] * 1024 }
        }
    }
    $reading
}

function Reset-PeakMemory {
    # True when the peak now starts again from the current resident set (Linux 4.0 and later).
    if (-not (Test-Path -LiteralPath '/proc/self/clear_refs')) { return $false }
    try {
        [System.IO.File]::WriteAllText('/proc/self/clear_refs', '5')
        $true
    }
    catch {
        $false
    }
}

switch ($Contender) {
    'Import' {
        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        Import-Module $ModulePath
        $timer.Stop()
        Write-BenchResult @{ seconds = $timer.Elapsed.TotalSeconds; applied = 0; rows = 0 }
    }

    'Module' {
        Connect-Module
        $failures = $null
        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        $results = Import-Csv -LiteralPath $CsvPath | Set-ProvTask -BatchSize $BatchSize -ErrorAction SilentlyContinue -ErrorVariable failures
        $timer.Stop()
        $applied = @($results | Where-Object { $_.Succeeded }).Count
        Write-BenchResult @{ seconds = $timer.Elapsed.TotalSeconds; applied = $applied; rows = @($results).Count; errors = @($failures).Count; firstError = (Get-FirstError $failures) }
    }

    'PerRow' {
        $headers = Get-Header
        $api = Get-ApiBase
        $failures = [System.Collections.Generic.List[object]]::new()
        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        # As an admin writes it: one PUT .../provtasks/{taskid} per CSV row. A failed row is kept, not fatal.
        $answers = Import-Csv -LiteralPath $CsvPath | ForEach-Object {
            $body = @{ action = 'setNote'; fields = @(@{ name = $NoteField; value = $_.Note }) } | ConvertTo-Json -Depth 4 -Compress
            try {
                Invoke-RestMethod -Method Put -Uri "$api/provtasks/$($_.TaskId)" -Headers $headers -ContentType $ContentType -Body $body -UseBasicParsing
            }
            catch {
                $failures.Add($_)
            }
        }
        $timer.Stop()
        Write-BenchResult @{ seconds = $timer.Elapsed.TotalSeconds; applied = (Get-SuccessCount $answers); rows = @($answers).Count; errors = @($failures).Count; firstError = (Get-FirstError $failures) }
    }

    'BulkScript' {
        $headers = Get-Header
        $api = Get-ApiBase
        $failures = [System.Collections.Generic.List[object]]::new()
        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        # As an admin writes it: the rows in a variable, 100 at a time into the bulk PUT .../provtasks.
        $rows = @(Import-Csv -LiteralPath $CsvPath)
        $answered = for ($start = 0; $start -lt $rows.Count; $start += $BatchSize) {
            $end = [Math]::Min($start + $BatchSize, $rows.Count) - 1
            $tasks = foreach ($row in $rows[$start..$end]) {
                @{ id = $row.TaskId; action = 'setNote'; fields = @(@{ name = $NoteField; value = $row.Note }) }
            }
            $body = @{ tasks = @($tasks) } | ConvertTo-Json -Depth 5 -Compress
            try {
                $answer = Invoke-RestMethod -Method Put -Uri "$api/provtasks" -Headers $headers -ContentType $ContentType -Body $body -UseBasicParsing
                $answer.tasks
            }
            catch {
                $failures.Add($_)
            }
        }
        $timer.Stop()
        Write-BenchResult @{ seconds = $timer.Elapsed.TotalSeconds; applied = (Get-SuccessCount $answered); rows = @($answered).Count; errors = @($failures).Count; firstError = (Get-FirstError $failures) }
    }

    'Floor' {
        Add-Type -AssemblyName System.Net.Http
        $headers = Get-Header
        $target = [System.Uri] ((Get-ApiBase) + '/provtasks')
        # Not timed: the bodies, exactly what the module sends (ProvTaskPayload.Bulk), and the client.
        $bodies = [System.Collections.Generic.List[string]]::new()
        $rows = @(Import-Csv -LiteralPath $CsvPath)
        for ($start = 0; $start -lt $rows.Count; $start += $BatchSize) {
            $end = [Math]::Min($start + $BatchSize, $rows.Count) - 1
            $tasks = foreach ($row in $rows[$start..$end]) {
                [ordered]@{ id = $row.TaskId; action = 'setNote'; fields = @([ordered]@{ name = $NoteField; value = $row.Note }) }
            }
            $bodies.Add((@{ tasks = @($tasks) } | ConvertTo-Json -Depth 5 -Compress))
        }
        $rows = $null
        $client = New-Object System.Net.Http.HttpClient
        $client.Timeout = [TimeSpan]::FromSeconds(100)
        foreach ($name in $headers.Keys) { $null = $client.DefaultRequestHeaders.TryAddWithoutValidation($name, $headers[$name]) }
        $answers = [System.Collections.Generic.List[string]]::new()
        $statuses = [System.Collections.Generic.List[int]]::new()

        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        $imported = @(Import-Csv -LiteralPath $CsvPath)
        foreach ($body in $bodies) {
            $request = New-Object System.Net.Http.HttpRequestMessage([System.Net.Http.HttpMethod]::Put, $target)
            $request.Content = New-Object System.Net.Http.StringContent($body, [System.Text.Encoding]::UTF8, 'application/json')
            $response = $client.SendAsync($request).GetAwaiter().GetResult()
            $statuses.Add([int] $response.StatusCode)
            $answers.Add($response.Content.ReadAsStringAsync().GetAwaiter().GetResult())
            $response.Dispose()
            $request.Dispose()
        }
        $timer.Stop()

        $applied = 0
        foreach ($answer in $answers) { $applied += [regex]::Matches($answer, '"status"\s*:\s*"SUCCESS"').Count }
        $client.Dispose()
        $firstError = $null
        for ($i = 0; $i -lt $statuses.Count; $i++) {
            if ($statuses[$i] -ne 200) { $firstError = Get-FirstError ('request {0} answered {1}: {2}' -f ($i + 1), $statuses[$i], $answers[$i]); break }
        }
        Write-BenchResult @{ seconds = $timer.Elapsed.TotalSeconds; applied = $applied; rows = $imported.Count; errors = @($statuses | Where-Object { $_ -ne 200 }).Count; firstError = $firstError }
    }

    'Binding' {
        $type = New-BindingOnlyCommand
        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        Import-Csv -LiteralPath $CsvPath | Test-BindingOnly
        $timer.Stop()
        Write-BenchResult @{ seconds = $timer.Elapsed.TotalSeconds; applied = 0; rows = $type::Rows }
    }

    'Memory' {
        Connect-Module
        [System.GC]::Collect()
        [System.GC]::WaitForPendingFinalizers()
        [System.GC]::Collect()
        $idle = Get-MemoryReading
        $peakReset = Reset-PeakMemory
        $script:applied = 0
        $script:written = 0
        $failures = $null
        $timer = [System.Diagnostics.Stopwatch]::StartNew()
        # Streamed, as `Import-Csv | Set-ProvTask | Export-Csv` streams: nothing holds the results.
        Import-Csv -LiteralPath $CsvPath | Set-ProvTask -BatchSize $BatchSize -ErrorAction SilentlyContinue -ErrorVariable failures |
            ForEach-Object { $script:written++; if ($_.Succeeded) { $script:applied++ } }
        $timer.Stop()
        $after = Get-MemoryReading
        $source = $after.PeakSource
        if ($peakReset) { $source += ', reset to the idle size by /proc/self/clear_refs after the idle reading' }
        Write-BenchResult @{
            seconds = $timer.Elapsed.TotalSeconds; applied = $script:applied; rows = $script:written; errors = @($failures).Count; firstError = (Get-FirstError $failures)
            idleBytes = $idle.WorkingSet; peakBytes = $after.Peak; peakBeforeRunBytes = $idle.Peak; peakSource = $source; peakReset = $peakReset
        }
    }
}
