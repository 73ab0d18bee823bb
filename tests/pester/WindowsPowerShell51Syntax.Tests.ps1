#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Windows PowerShell 5.1 cannot run here, so its side of the scripts is checked from the parser: every .ps1, .psm1 and
# .psd1 of the repository (bin, obj, out and .git aside) is parsed with [Parser]::ParseFile and must hold nothing 5.1
# lacks (Syntax51.psm1 says what that covers). The second half proves the checker can fail: it writes each construct
# into a temporary script and expects it reported with its file and line, and expects nothing from 5.1 look-alikes.
# This file is itself 5.1 syntax: the constructs live in single-quoted strings, which the parser does not read as code.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $PSScriptRoot 'Syntax51.psm1') -Force
    $scripts = @(Get-Syntax51ScriptFile -Root $root | ForEach-Object {
            @{ Path = $_.FullName; Name = $_.FullName.Substring($root.Length + 1).Replace('\', '/') }
        })

    # One construct a line: the code, then "# expect:" and the construct the checker must report for it.
    $badLines = @'
$b = $a ?? 'default'  # expect: NullCoalescing
$a ??= 'default'  # expect: NullCoalescingAssignment
${a}?.Name  # expect: NullConditionalMember
${a}?.ToString()  # expect: NullConditionalMember
${a}?[0]  # expect: NullConditionalIndex
$b = $a ? 'yes' : 'no'  # expect: Ternary
git --version && 'built'  # expect: PipelineChain
git --version || 'failed'  # expect: PipelineChain
Start-Sleep 1 &  # expect: BackgroundOperator
function Test-Clean { process { $_ } clean { 'cleaned' } }  # expect: CleanBlock
1..3 | ForEach-Object -Parallel { $_ }  # expect: ForEachObjectParallel
1..3 | % -Par { $_ }  # expect: ForEachObjectParallel
"`u{2713} done"  # expect: UnicodeEscape
"`e[31mred"  # expect: EscapeE
$n = 42u  # expect: NumericSuffix
$m = 0b1010  # expect: BinaryLiteral
'abc' -replace 'b', { $_.Value.ToUpper() }  # expect: ReplaceScriptBlock
Invoke-RestMethod -Uri $uri -SkipHttpErrorCheck  # expect: NewParameter
'{}' | ConvertFrom-Json -AsHashtable  # expect: NewParameter
Get-Content -Path $file -AsByteStream  # expect: NewParameter
Join-Path 'a' 'b' 'c'  # expect: NewParameter
Set-Content -Path $file -Value 'x' -Encoding utf8NoBOM  # expect: NewEncoding
'a', 'b' | Join-String -Separator ','  # expect: NewCommand
if ($IsWindows) { 'windows' }  # expect: NewVariable
[semver] '1.2.3'  # expect: NewType
'@ -split '\r?\n'
    $cases = @(foreach ($line in $badLines) {
            if ($line -match '^(?<code>.*?)\s+# expect: (?<construct>\w+)$') {
                @{ Code = $Matches.code; Construct = $Matches.construct }
            }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Syntax51.psm1') -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

    function Get-Finding {
        # Writes $Text to a temporary script and checks it; $Bytes writes exact bytes instead.
        param([string] $Text, [byte[]] $Bytes, [string] $Name = 'Sample.ps1')
        $path = Join-Path $TestDrive $Name
        if ($Bytes) { [System.IO.File]::WriteAllBytes($path, $Bytes) }
        else { [System.IO.File]::WriteAllText($path, $Text, (New-Object System.Text.UTF8Encoding($false))) }
        @(Find-Syntax51Violation -Path $path -DisplayName $Name)
    }
}

Describe 'The repository''s scripts use only Windows PowerShell 5.1 syntax' {
    It 'finds the scripts to check: build.ps1, the manifest, the Pester suite and this file' {
        $names = @(Get-Syntax51ScriptFile -Root $Root | ForEach-Object { $_.FullName.Substring($Root.Length + 1).Replace('\', '/') })
        $names | Should -Contain 'build.ps1'
        $names | Should -Contain 'GovernanceModule.psd1'
        $names | Should -Contain 'src/GovernanceModule.Emulator.PowerShell/GovernanceModule.Emulator.psm1'
        $names | Should -Contain 'samples/Update-ProvTask.ps1'
        $names | Should -Contain 'tests/pester/WindowsPowerShell51Syntax.Tests.ps1'
        @($names | Where-Object { $_ -match '(^|/)(bin|obj|out|\.git)/' }) | Should -BeNullOrEmpty
    }

    It '<Name>' -ForEach $scripts {
        $findings = @(Find-Syntax51Violation -Path $Path -DisplayName $Name)
        ($findings | ForEach-Object { $_.Message }) -join [System.Environment]::NewLine |
            Should -BeNullOrEmpty -Because 'Windows PowerShell 5.1 must be able to run it'
    }
}

# On 5.1 itself these constructs are parse errors (reported as ParseError), so the exact constructs are checked on 7.
Describe 'The 5.1 syntax checker' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
    It 'reports <Construct> in: <Code>' -ForEach $cases {
        $findings = Get-Finding -Text $Code
        @($findings | ForEach-Object { $_.Construct }) | Should -Be @($Construct)
        $findings[0].Line | Should -Be 1
        $findings[0].Message | Should -BeLike 'Sample.ps1:1:*needs PowerShell*'
    }

    It 'reports every construct of one file, each with its file and line' -ForEach @(@{ All = $cases }) {
        $findings = Get-Finding -Text (($All | ForEach-Object { $_.Code }) -join "`n") -Name 'AllConstructs.ps1'
        $expected = for ($i = 0; $i -lt $All.Count; $i++) { 'AllConstructs.ps1:{0} {1}' -f ($i + 1), $All[$i].Construct }
        $reported = $findings | ForEach-Object { '{0}:{1} {2}' -f ($_.Message -split ':')[0], $_.Line, $_.Construct }
        $reported | Should -Be $expected
    }

    It 'reports nothing for 5.1 look-alikes' {
        $findings = Get-Finding -Name 'LookAlikes.ps1' -Text @'
$b = $a?.Name
$x = if ($c) { 'yes' } else { 'no' }
'a ? b : c'; "a ?? b"; 'x && y || z'; "`$a?.b"
git --version; if ($LASTEXITCODE -eq 0) { 'built' }
$h = @{ k = 1 }; $h['k']; $h.k; $h.Keys.Count
function Test-Blocks { [CmdletBinding()] param() begin { } process { $_ } end { } }
1..3 | ForEach-Object -Process { $_ }
1..3 | ForEach-Object -PipelineVariable item { $_ }
"``u{2713} and ``e are not escapes here"
"tab`tnewline`n$($h.k) ${b}"
$n = 42L; $k = 1kb; $d = 1.5d; $x2 = 0xFF; $neg = -7
'abc' -replace 'b', 'B'
Join-Path 'a' 'b'
Join-Path -Path 'a' -ChildPath 'b' -Resolve
Split-Path -Leaf 'a/b'
Get-Process | Select-Object -Skip 1
Set-Content -Path $file -Value 'x' -Encoding UTF8
Invoke-RestMethod -Uri $uri -UseBasicParsing -TimeoutSec 5 -MaximumRedirection 1
if ($PSVersionTable.PSEdition -eq 'Desktop') { 'windows' }
[version] '1.2.3'
'@
        ($findings | ForEach-Object { $_.Message }) -join [System.Environment]::NewLine | Should -BeNullOrEmpty
    }

    It 'reports a file that does not parse, with its line' {
        $findings = Get-Finding -Text "'fine'`nif (`$a {" -Name 'Broken.ps1'
        @($findings | ForEach-Object { $_.Construct } | Select-Object -Unique) | Should -Be @('ParseError')
        $findings[0].Line | Should -Be 2
    }

    It 'reports non-ASCII text without a UTF-8 byte order mark, and accepts it with one' {
        $text = "'ascii'`n'caf" + [char] 0xE9 + "'`n"
        $plain = (New-Object System.Text.UTF8Encoding($false)).GetBytes($text)
        $findings = Get-Finding -Bytes $plain -Name 'NoBom.ps1'
        @($findings | ForEach-Object { $_.Construct }) | Should -Be @('NonAsciiWithoutBom')
        $findings[0].Line | Should -Be 2

        $withBom = [byte[]] (@(0xEF, 0xBB, 0xBF) + $plain)
        Get-Finding -Bytes $withBom -Name 'WithBom.ps1' | Should -BeNullOrEmpty
    }

    It 'lets a Syntax51-Allow comment pass a command finding on its line, never a syntax one' {
        $findings = Get-Finding -Text @'
if ($PSVersionTable.PSVersion.Major -ge 7) { 1..3 | ForEach-Object -Parallel { $_ } }  # Syntax51-Allow: ForEachObjectParallel
1..3 | ForEach-Object -Parallel { $_ }
$b = $a ?? 1  # Syntax51-Allow: NullCoalescing
'@
        @($findings | ForEach-Object { '{0} {1}' -f $_.Line, $_.Construct }) | Should -Be @('2 ForEachObjectParallel', '3 NullCoalescing')
    }
}
