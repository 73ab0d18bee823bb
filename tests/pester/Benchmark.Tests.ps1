#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# bench/Compare-Throughput.ps1 -Quick, run as a user runs it (a fresh PowerShell, its own emulator), must print every
# contender with its rows/s and ratio, the memory and Import-Module figures and the targets, and every contender must
# have applied every row on the emulator. This proves the benchmark works; it asserts no speed.
# Windows PowerShell 5.1 syntax only.

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $bench = Join-Path $root 'bench/Compare-Throughput.ps1'
    $powerShell = Join-Path $PSHOME 'pwsh'
    if ($PSVersionTable.PSEdition -eq 'Desktop') { $powerShell = Join-Path $PSHOME 'powershell.exe' }
    elseif ($env:OS -eq 'Windows_NT') { $powerShell = Join-Path $PSHOME 'pwsh.exe' }

    $script:Output = @(& $powerShell -NoProfile -NonInteractive -File $bench -Quick 2>&1 | ForEach-Object { "$_" })
    $script:ExitCode = $LASTEXITCODE
    $script:Text = $Output -join [System.Environment]::NewLine
    $script:Number = '[\d,]+(\.\d+)?'

    function script:Get-TableLine {
        # The summary-table line of a contender in the section that starts with $Section.
        param([string] $Section, [string] $Contender)
        $start = 0
        while ($start -lt $Output.Count -and -not $Output[$start].StartsWith($Section)) { $start++ }
        for ($i = $start + 1; $i -lt $Output.Count -and -not $Output[$i].StartsWith('=='); $i++) {
            if ($Output[$i] -match ('^\s+' + [regex]::Escape($Contender) + '\s+' + $Number + '\s+' + $Number + '\s+')) { return $Output[$i] }
        }
        $null
    }
}

Describe 'bench/Compare-Throughput.ps1 -Quick' {
    It 'runs to the end and exits 0' {
        $ExitCode | Should -Be 0 -Because $Text
        $Text | Should -Match 'Finished in \d+ s\.'
    }

    It 'prints every contender at 0 ms with its rows/s and the module''s ratio to it' {
        $section = '== 1. Throughput at 0 ms'
        Get-TableLine $section 'Import-Csv | Set-ProvTask' | Should -Match '\(the module\)'
        Get-TableLine $section 'per-row Invoke-RestMethod loop' | Should -Match ($Number + 'x$')
        Get-TableLine $section 'bulk Invoke-RestMethod script' | Should -Match ($Number + 'x$')
        Get-TableLine $section 'floor: Import-Csv + HttpClient' | Should -Match ($Number + 'x \(the module takes ' + $Number + 'x the floor''s time\)$')
    }

    It 'prints the latency comparison without the per-row loop, and says why' {
        $section = '== 1. Throughput at 50 ms per PUT answer'
        $Text | Should -Match 'The per-row loop is skipped here'
        Get-TableLine $section 'Import-Csv | Set-ProvTask' | Should -Match '\(the module\)'
        Get-TableLine $section 'bulk Invoke-RestMethod script' | Should -Match ($Number + 'x$')
        Get-TableLine $section 'floor: Import-Csv + HttpClient' | Should -Match ($Number + 'x')
        Get-TableLine $section 'per-row Invoke-RestMethod loop' | Should -BeNullOrEmpty
    }

    It 'checked on the emulator that every contender applied every row of every run' {
        $runs = @($Output | Where-Object { $_ -match '^\s+run \d+/\d+\s' -and $_ -notmatch ' rows\s+idle ' -and $_ -notmatch 'PowerShell binding the rows alone' })
        $runs.Count | Should -Be 7 -Because 'four contenders at 0 ms and three with latency, one run each'
        foreach ($run in $runs) {
            $run | Should -Match 'applied (\d+)/\1 rows \(' -Because $run
            $run | Should -Match '(\d+) tasks carry the run''s note; \1 successes reported'
        }
        @($runs | Where-Object { $_ -match 'single-task PUT requests' }).Count | Should -Be 1
        $Text | Should -Not -Match 'NOT APPLIED|FAILED'
    }

    It 'prints how long PowerShell alone takes to bind the rows, as a share of the module''s time' {
        $binding = @($Output | Where-Object { $_ -match '^\s+run \d+/\d+\s+PowerShell binding the rows alone' })
        $binding.Count | Should -Be 1
        $binding[0] | Should -Match 'bound (\d+)/\1 rows'
        Get-TableLine '== 1. Throughput at 0 ms' 'PowerShell binding the rows alone' | Should -Match ('\(a reference: ' + $Number + ' % of the module''s time\)$')
    }

    It 'prints the peak working set above idle for both row counts, where it was read from, and whether it is flat' {
        $memory = @($Output | Where-Object { $_ -match '^\s+run \d+/\d+\s+[\d,]+ rows\s+idle\s' })
        $memory.Count | Should -Be 2
        foreach ($line in $memory) {
            $line | Should -Match ('above idle\s+' + $Number + ' MB')
            $line | Should -Match 'applied (\d+)/\1 rows'
        }
        foreach ($rows in '200', '2,000') {
            @($Output | Where-Object { $_ -match ('^\s+' + $rows + '(\s+' + $Number + '){3}$') }).Count | Should -Be 1 -Because "the summary has a line for $rows rows"
        }
        $Text | Should -Match 'Peak read from: (VmHWM|Process\.PeakWorkingSet64)'
        $Text | Should -Match 'Flat from 200 to 2,000 rows: (yes|no)'
    }

    It 'prints the Import-Module median' {
        $Text | Should -Match ('runs: (' + $Number + ', ){2}' + $Number + ' s; median ' + $Number + ' s')
    }

    It 'ends with the targets and where the run stands' {
        foreach ($target in '0 ms: module >= 2x the bulk script', '0 ms: module time <= 1.5x the floor', '50 ms: module >= 3.5x the bulk script', 'peak <= 40 MB above idle', 'peak flat from', 'Import-Module < 0.25 s') {
            @($Output | Where-Object { $_.Contains($target) -and $_ -match '\s(met|MISSED)' }).Count | Should -Be 1 -Because "the target '$target' has a status"
        }
        $Text | Should -Match 'this run used other numbers'
    }
}
