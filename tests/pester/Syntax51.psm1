# Finds what Windows PowerShell 5.1 lacks in a script, from the parser's AST (no regexes over source).
# Itself in 5.1 syntax, and loadable there: the AST types and token kinds that 5.1 lacks are looked up by name and
# skipped when absent; on 5.1 such constructs are parse errors, which are reported too.
#
# Two kinds of finding:
#   Syntax   5.1 cannot parse it, or parses it to something else without a word (`u{...}, 1u, -replace with a
#            scriptblock): always reported.
#   Command  5.1 parses it, but the command, parameter, value, variable or type is missing there (ForEach-Object
#            -Parallel, Invoke-RestMethod -SkipHttpErrorCheck, $IsWindows ...). A line that is only reached on
#            PowerShell 7 can say so with a comment on that line: `# Syntax51-Allow: <Construct>[, <Construct>]`.

$script:Language = 'System.Management.Automation.Language.'
$script:TernaryAst = ($script:Language + 'TernaryExpressionAst') -as [type]
$script:PipelineChainAst = ($script:Language + 'PipelineChainAst') -as [type]

# Parameters added after 5.1, by command. Old: the 5.1 parameters that a new one starts with (an exact Old name is 5.1).
$script:NewParameters = @(
    @{ Command = 'ForEach-Object'; Since = '7.0'; New = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace') }
    @{ Command = 'Invoke-RestMethod', 'Invoke-WebRequest'; Since = '6.0'; New = @(
            'SkipCertificateCheck', 'SkipHeaderValidation', 'SkipHttpErrorCheck', 'StatusCodeVariable',
            'ResponseHeadersVariable', 'Authentication', 'Token', 'AllowUnencryptedAuthentication', 'SslProtocol', 'Form',
            'Resume', 'MaximumRetryCount', 'RetryIntervalSec', 'NoProxy', 'CustomMethod', 'FollowRelLink',
            'MaximumFollowRelLink', 'HttpVersion', 'PreserveAuthorizationOnRedirect', 'ConnectionTimeoutSeconds',
            'OperationTimeoutSeconds', 'AllowInsecureRedirect', 'PreserveHttpMethodOnRedirect', 'UnixSocket') }
    @{ Command = 'ConvertFrom-Json'; Since = '6.0'; New = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind') }
    @{ Command = 'ConvertTo-Json'; Since = '6.0'; New = @('AsArray', 'EscapeHandling') }
    @{ Command = 'Get-Content', 'Set-Content', 'Add-Content'; Since = '6.0'; New = @('AsByteStream') }
    @{ Command = 'Select-String'; Since = '7.0'; New = @('Raw', 'NoEmphasis') }
    @{ Command = 'Split-Path'; Since = '6.0'; New = @('LeafBase', 'Extension'); Old = @('Leaf') }
    @{ Command = 'Join-Path'; Since = '6.0'; New = @('AdditionalChildPath') }
    @{ Command = 'Get-Date'; Since = '7.0'; New = @('AsUTC', 'UnixTimeSeconds') }
    @{ Command = 'Sort-Object'; Since = '6.0'; New = @('Top', 'Bottom', 'Stable') }
    @{ Command = 'Select-Object'; Since = '6.2'; New = @('SkipIndex'); Old = @('Skip') }
    @{ Command = 'Get-Random'; Since = '7.1'; New = @('Shuffle') }
    @{ Command = 'Start-Process'; Since = '7.4'; New = @('Environment') }
    @{ Command = 'Import-Module'; Since = '7.0'; New = @('UseWindowsPowerShell') }
)

$script:NewCommands = @{
    'Test-Json' = '6.1'; 'Join-String' = '6.2'; 'Get-Error' = '7.0'; 'Remove-Alias' = '6.0'; 'Remove-Service' = '6.0'
    'Get-Uptime' = '6.0'; 'ConvertFrom-Markdown' = '6.1'; 'Show-Markdown' = '6.1'; 'Get-MarkdownOption' = '6.1'
    'Set-MarkdownOption' = '6.1'; 'Get-ExperimentalFeature' = '6.2'; 'Enable-ExperimentalFeature' = '6.2'
    'Disable-ExperimentalFeature' = '6.2'; 'Get-PSSubsystem' = '7.3'; 'Get-SecureRandom' = '7.4'
    'ConvertTo-CliXml' = '7.5'; 'ConvertFrom-CliXml' = '7.5'; 'Start-ThreadJob' = '6.1 (5.1 needs the ThreadJob module)'
}

$script:Aliases = @{
    '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; 'irm' = 'Invoke-RestMethod'; 'iwr' = 'Invoke-WebRequest'
    'curl' = 'Invoke-WebRequest'; 'wget' = 'Invoke-WebRequest'; 'gc' = 'Get-Content'; 'cat' = 'Get-Content'
    'type' = 'Get-Content'; 'sc' = 'Set-Content'; 'ac' = 'Add-Content'; 'sls' = 'Select-String'; 'sort' = 'Sort-Object'
    'select' = 'Select-Object'; 'ipmo' = 'Import-Module'; 'saps' = 'Start-Process'; 'start' = 'Start-Process'
}

# Automatic variables 5.1 does not set: there they are $null, or an error under Set-StrictMode.
$script:NewVariables = @{
    'IsWindows' = '6.0'; 'IsLinux' = '6.0'; 'IsMacOS' = '6.0'; 'IsCoreCLR' = '6.0'; 'PSStyle' = '7.2'
    'PSNativeCommandUseErrorActionPreference' = '7.3'; 'PSNativeCommandArgumentPassing' = '7.3'
}

# Type and attribute names 5.1 cannot resolve (without the System.Management.Automation. prefix and Attribute suffix).
$script:NewTypes = @{
    'semver' = '6.0'; 'SemanticVersion' = '6.0'; 'ArgumentCompletions' = '6.0'; 'ValidateRangeKind' = '6.1'
    'Experimental' = '6.2'; 'NoRunspaceAffinity' = '7.4'
}

$script:NewEncodings = @{ 'utf8NoBOM' = '6.0'; 'utf8BOM' = '6.0'; 'ansi' = '7.4' }

# Numeric literal types that only suffixes added after 5.1 produce (u, ul, us, uy, s, y, n).
$script:NewLiteralTypes = @('System.Byte', 'System.SByte', 'System.Int16', 'System.UInt16', 'System.UInt32', 'System.UInt64', 'System.Numerics.BigInteger')

function Get-Syntax51ScriptFile {
    <# The repository's .ps1, .psm1 and .psd1 files, without build output and .git. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Root)

    $skip = @('bin', 'obj', 'out', '.git', 'TestResults', 'BenchmarkDotNet.Artifacts', 'node_modules')
    $pending = New-Object System.Collections.Generic.Queue[System.IO.DirectoryInfo]
    $pending.Enqueue((Get-Item -LiteralPath $Root -Force))
    while ($pending.Count -gt 0) {
        $directory = $pending.Dequeue()
        foreach ($item in $directory.EnumerateFileSystemInfos()) {
            if ($item -is [System.IO.DirectoryInfo]) {
                if ($skip -notcontains $item.Name) { $pending.Enqueue($item) }
            }
            elseif (@('.ps1', '.psm1', '.psd1') -contains $item.Extension.ToLowerInvariant()) {
                $item
            }
        }
    }
}

function New-Finding {
    param($Path, $Extent, [string] $Construct, [string] $Since, [string] $Kind, [string] $What)
    # The whole source line, so that an operator's position still shows its statement.
    $text = $Extent.StartScriptPosition.Line.Trim()
    if ($text.Length -gt 100) { $text = $text.Substring(0, 97) + '...' }
    [pscustomobject]@{
        Path      = $Path
        Line      = $Extent.StartLineNumber
        Column    = $Extent.StartColumnNumber
        Construct = $Construct
        Kind      = $Kind
        Since     = $Since
        Message   = '{0}:{1}:{2}: {3} needs PowerShell {4}: {5}' -f $Path, $Extent.StartLineNumber, $Extent.StartColumnNumber, $What, $Since, $text
    }
}

function Get-PropertyValue {
    # A property 5.1's AST classes may lack (NullConditional, Background, CleanBlock): $null when absent.
    param($Object, [string] $Name)
    $property = $Object.PSObject.Properties[$Name]
    if ($property) { $property.Value }
}

function Get-EscapeFinding {
    # `u{...} and `e in a double-quoted or bare-word string: 5.1 reads them as the letters u and e.
    param($Path, $Node)
    $type = [string] $Node.StringConstantType
    if ($type -notmatch 'DoubleQuoted|BareWord') { return }
    $text = $Node.Extent.Text.ToCharArray()
    # Blank out nested $(...) and $variables: their code is checked as nodes of its own.
    $nested = Get-PropertyValue $Node 'NestedExpressions'
    foreach ($inner in @($nested)) {
        if ($null -eq $inner) { continue }
        for ($i = $inner.Extent.StartOffset - $Node.Extent.StartOffset; $i -lt $inner.Extent.EndOffset - $Node.Extent.StartOffset; $i++) {
            if ($i -ge 0 -and $i -lt $text.Length) { $text[$i] = ' ' }
        }
    }
    for ($i = 0; $i -lt $text.Length - 1; $i++) {
        if ($text[$i] -ne '`') { continue }
        $next = $text[$i + 1]
        if ($next -ceq 'e') {
            New-Finding $Path $Node.Extent 'EscapeE' '6.0' 'Syntax' 'escape `e (5.1 reads it as "e")'
        }
        elseif ($next -ceq 'u' -and $i + 2 -lt $text.Length -and $text[$i + 2] -eq '{') {
            New-Finding $Path $Node.Extent 'UnicodeEscape' '6.0' 'Syntax' 'escape `u{...} (5.1 reads it as "u{...}")'
        }
        $i++
    }
}

function Get-CommandFinding {
    param($Path, $Node)
    $name = $Node.GetCommandName()
    if (-not $name) { return }
    $name = $name.Substring($name.LastIndexOf('\') + 1)
    if ($script:Aliases.ContainsKey($name)) { $name = $script:Aliases[$name] }

    if ($script:NewCommands.ContainsKey($name)) {
        New-Finding $Path $Node.Extent 'NewCommand' $script:NewCommands[$name] 'Command' "command $name"
    }

    $elements = $Node.CommandElements
    foreach ($entry in $script:NewParameters) {
        if ($entry.Command -notcontains $name) { continue }
        foreach ($element in $elements) {
            if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
            $written = $element.ParameterName
            if ($entry.ContainsKey('Old') -and $entry.Old -contains $written) { continue }
            foreach ($new in $entry.New) {
                if ($written.Length -gt 0 -and $new.StartsWith($written, [System.StringComparison]::OrdinalIgnoreCase)) {
                    $construct = if ($name -eq 'ForEach-Object' -and $new -eq 'Parallel') { 'ForEachObjectParallel' } else { 'NewParameter' }
                    New-Finding $Path $element.Extent $construct $entry.Since 'Command' "$name -$new"
                }
            }
        }
    }

    # -Encoding utf8NoBOM, utf8BOM, ansi, or a code page number (7.2).
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $element = $elements[$i]
        if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
        if (-not 'Encoding'.StartsWith($element.ParameterName, [System.StringComparison]::OrdinalIgnoreCase) -or $element.ParameterName.Length -lt 3) { continue }
        $argument = $element.Argument
        if (-not $argument -and $i + 1 -lt $elements.Count) { $argument = $elements[$i + 1] }
        if ($argument -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            foreach ($key in $script:NewEncodings.Keys) {
                if ($argument.Value -eq $key) {
                    New-Finding $Path $argument.Extent 'NewEncoding' $script:NewEncodings[$key] 'Command' "-Encoding $key"
                }
            }
        }
        elseif ($argument -is [System.Management.Automation.Language.ConstantExpressionAst] -and $argument.Value -is [int]) {
            New-Finding $Path $argument.Extent 'NewEncoding' '7.2' 'Command' '-Encoding as a code page number'
        }
    }

    # Join-Path with more than one child path (positional arguments beyond two bind to -AdditionalChildPath).
    if ($name -eq 'Join-Path') {
        $switches = @('Resolve', 'Verbose', 'Debug', 'WhatIf', 'Confirm')
        $positional = 0
        for ($i = 1; $i -lt $elements.Count; $i++) {
            $element = $elements[$i]
            if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                $isSwitch = $false
                foreach ($switch in $switches) {
                    if ($switch.StartsWith($element.ParameterName, [System.StringComparison]::OrdinalIgnoreCase)) { $isSwitch = $true }
                }
                if (-not $isSwitch -and -not $element.Argument) { $i++ }
            }
            else {
                $positional++
            }
        }
        if ($positional -gt 2) {
            New-Finding $Path $Node.Extent 'NewParameter' '6.0' 'Command' 'Join-Path with more than one child path'
        }
    }
}

function Find-Syntax51Violation {
    <#
    .SYNOPSIS
        Reports what Windows PowerShell 5.1 lacks in one script file, one object per finding with Path, Line, Column,
        Construct, Kind, Since and Message ("path:line:column: what needs PowerShell N: source").
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path,
        # How the file is named in messages (a path relative to the repository, say).
        [string] $DisplayName
    )
    process {
        if (-not $DisplayName) { $DisplayName = $Path }
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        $findings = New-Object System.Collections.Generic.List[object]

        foreach ($parseError in $errors) {
            $findings.Add((New-Finding $DisplayName $parseError.Extent 'ParseError' $PSVersionTable.PSVersion.ToString() 'Syntax' "a script that parses (here: $($parseError.Message))"))
        }

        # 5.1 reads a .ps1 without a byte order mark as the ANSI code page: non-ASCII text then changes, and a
        # typographic quote or dash can end a string early.
        $bytes = [System.IO.File]::ReadAllBytes($Path)
        $bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
        $bom = $bom -or ($bytes.Length -ge 2 -and (($bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE) -or ($bytes[0] -eq 0xFE -and $bytes[1] -eq 0xFF)))
        if (-not $bom) {
            $line = 1
            $index = -1
            for ($i = 0; $i -lt $bytes.Length; $i++) {
                if ($bytes[$i] -gt 0x7F) { $index = $i; break }
                if ($bytes[$i] -eq 0x0A) { $line++ }
            }
            if ($index -ge 0) {
                $message = '{0}:{1}:1: non-ASCII text without a UTF-8 byte order mark needs PowerShell 6.0 (5.1 reads it as ANSI): save it with a BOM or use ASCII' -f $DisplayName, $line
                $findings.Add([pscustomobject]@{
                        Path = $DisplayName; Line = $line; Column = 1; Construct = 'NonAsciiWithoutBom'; Kind = 'Syntax'; Since = '6.0'; Message = $message
                    })
            }
        }

        $nodes = $ast.FindAll({ $true }, $true)
        foreach ($node in $nodes) {
            if ($node -is [System.Management.Automation.Language.BinaryExpressionAst]) {
                $operator = [string] $node.Operator
                if ($operator -eq 'QuestionQuestion') {
                    $findings.Add((New-Finding $DisplayName $node.ErrorPosition 'NullCoalescing' '7.0' 'Syntax' 'null-coalescing operator ??'))
                }
                elseif ($operator -match 'replace$' -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and
                    $node.Right.Elements.Count -ge 2 -and $node.Right.Elements[1] -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
                    $findings.Add((New-Finding $DisplayName $node.ErrorPosition 'ReplaceScriptBlock' '6.1' 'Syntax' "-$($operator.TrimStart('IiCc').ToLowerInvariant()) with a scriptblock substitution (5.1 inserts its text)"))
                }
            }
            elseif ($node -is [System.Management.Automation.Language.AssignmentStatementAst]) {
                if ([string] $node.Operator -eq 'QuestionQuestionEquals') {
                    $findings.Add((New-Finding $DisplayName $node.ErrorPosition 'NullCoalescingAssignment' '7.0' 'Syntax' 'null-coalescing assignment ??='))
                }
            }
            elseif ($node -is [System.Management.Automation.Language.MemberExpressionAst]) {
                if (Get-PropertyValue $node 'NullConditional') {
                    $findings.Add((New-Finding $DisplayName $node.Member.Extent 'NullConditionalMember' '7.1' 'Syntax' 'null-conditional member access ?.'))
                }
            }
            elseif ($node -is [System.Management.Automation.Language.IndexExpressionAst]) {
                if (Get-PropertyValue $node 'NullConditional') {
                    $findings.Add((New-Finding $DisplayName $node.Index.Extent 'NullConditionalIndex' '7.1' 'Syntax' 'null-conditional index ?['))
                }
            }
            elseif ($script:TernaryAst -and $node -is $script:TernaryAst) {
                $findings.Add((New-Finding $DisplayName $node.Extent 'Ternary' '7.0' 'Syntax' 'ternary operator a ? b : c'))
            }
            elseif ($script:PipelineChainAst -and $node -is $script:PipelineChainAst) {
                $symbol = if ([string] $node.Operator -eq 'AndAnd') { '&&' } else { '||' }
                $findings.Add((New-Finding $DisplayName $node.Extent 'PipelineChain' '7.0' 'Syntax' "pipeline chain operator $symbol"))
                if (Get-PropertyValue $node 'Background') {
                    $findings.Add((New-Finding $DisplayName $node.Extent 'BackgroundOperator' '6.0' 'Syntax' 'background operator &'))
                }
            }
            elseif ($node -is [System.Management.Automation.Language.PipelineAst]) {
                if (Get-PropertyValue $node 'Background') {
                    $findings.Add((New-Finding $DisplayName $node.Extent 'BackgroundOperator' '6.0' 'Syntax' 'background operator &'))
                }
            }
            elseif ($node -is [System.Management.Automation.Language.ScriptBlockAst]) {
                $clean = Get-PropertyValue $node 'CleanBlock'
                if ($clean) {
                    $findings.Add((New-Finding $DisplayName $clean.Extent 'CleanBlock' '7.3' 'Syntax' 'clean block'))
                }
            }
            elseif ($node -is [System.Management.Automation.Language.StringConstantExpressionAst] -or
                $node -is [System.Management.Automation.Language.ExpandableStringExpressionAst]) {
                foreach ($finding in @(Get-EscapeFinding $DisplayName $node)) { if ($finding) { $findings.Add($finding) } }
            }
            elseif ($node -is [System.Management.Automation.Language.ConstantExpressionAst]) {
                if ($null -ne $node.Value -and $script:NewLiteralTypes -contains $node.Value.GetType().FullName) {
                    $findings.Add((New-Finding $DisplayName $node.Extent 'NumericSuffix' '6.2' 'Syntax' "numeric literal of type [$($node.Value.GetType().Name)] (suffix u, ul, us, uy, s, y or n)"))
                }
                elseif ($node.Value -is [int] -or $node.Value -is [long]) {
                    $text = $node.Extent.Text.TrimStart('+', '-')
                    if ($text.StartsWith('0b', [System.StringComparison]::OrdinalIgnoreCase)) {
                        $findings.Add((New-Finding $DisplayName $node.Extent 'BinaryLiteral' '7.0' 'Syntax' 'binary literal 0b...'))
                    }
                }
            }
            elseif ($node -is [System.Management.Automation.Language.CommandAst]) {
                foreach ($finding in @(Get-CommandFinding $DisplayName $node)) { if ($finding) { $findings.Add($finding) } }
            }
            elseif ($node -is [System.Management.Automation.Language.VariableExpressionAst]) {
                $variable = $node.VariablePath.UserPath
                if ($script:NewVariables.ContainsKey($variable)) {
                    $findings.Add((New-Finding $DisplayName $node.Extent 'NewVariable' $script:NewVariables[$variable] 'Command' "automatic variable `$$variable (unset in 5.1)"))
                }
            }

            if ($node -is [System.Management.Automation.Language.TypeExpressionAst] -or
                $node -is [System.Management.Automation.Language.TypeConstraintAst] -or
                $node -is [System.Management.Automation.Language.AttributeAst]) {
                $typeName = $node.TypeName.FullName
                if ($typeName.StartsWith('System.Management.Automation.', [System.StringComparison]::OrdinalIgnoreCase)) {
                    $typeName = $typeName.Substring('System.Management.Automation.'.Length)
                }
                if ($typeName.EndsWith('Attribute', [System.StringComparison]::OrdinalIgnoreCase) -and $typeName.Length -gt 'Attribute'.Length) {
                    $typeName = $typeName.Substring(0, $typeName.Length - 'Attribute'.Length)
                }
                if ($script:NewTypes.ContainsKey($typeName)) {
                    $findings.Add((New-Finding $DisplayName $node.Extent 'NewType' $script:NewTypes[$typeName] 'Command' "type [$typeName]"))
                }
            }
        }

        # `# Syntax51-Allow: Construct, ...` on a line lets a Command finding on that line pass (code only PowerShell 7 reaches).
        $allowed = @{}
        foreach ($token in $tokens) {
            if ([string] $token.Kind -ne 'Comment') { continue }
            $marker = $token.Text.IndexOf('Syntax51-Allow:', [System.StringComparison]::OrdinalIgnoreCase)
            if ($marker -lt 0) { continue }
            foreach ($construct in ($token.Text.Substring($marker + 'Syntax51-Allow:'.Length) -split '[,\s#>]+')) {
                if ($construct) { $allowed['{0}:{1}' -f $token.Extent.StartLineNumber, $construct.ToLowerInvariant()] = $true }
            }
        }

        foreach ($finding in ($findings | Sort-Object Line, Column, Construct)) {
            if ($finding.Kind -eq 'Command' -and $allowed.ContainsKey(('{0}:{1}' -f $finding.Line, $finding.Construct.ToLowerInvariant()))) { continue }
            $finding
        }
    }
}

Export-ModuleMember -Function Get-Syntax51ScriptFile, Find-Syntax51Violation
