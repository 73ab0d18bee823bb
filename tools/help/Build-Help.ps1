<#
.SYNOPSIS
    Writes a module's MAML help from the module itself and one markdown file per command.
.DESCRIPTION
    Imports the built module and takes every fact about a parameter from it through Get-Command: the syntax of each
    parameter set, types, positions, mandatory, pipeline binding, aliases, defaults and validation (ValidateRange,
    ValidateSet). The prose comes from <Source>/<Command>.md, whose format tools/help/README.md describes. Every
    problem (a command without a file, a parameter without a description, a description of a parameter the command
    lacks, OUTPUTS that do not name the [OutputType] types) is reported together, naming the command and the
    parameter, and no file is written.

    ./build.ps1 Build runs it for both modules and writes the MAML into out/; no MAML is committed. It runs in a
    child PowerShell there, so that the build does not keep the module's DLL loaded. Windows PowerShell 5.1 syntax.
.PARAMETER Module
    The module manifest to document, such as out/GovernanceModule/GovernanceModule.psd1.
.PARAMETER Source
    The folder of markdown files, one per exported command, such as docs/help/GovernanceModule.
.PARAMETER OutFile
    The MAML file to write, such as out/GovernanceModule/en-US/GovernanceModule.dll-Help.xml.
.EXAMPLE
    ./tools/help/Build-Help.ps1 -Module out/GovernanceModule/GovernanceModule.psd1 -Source docs/help/GovernanceModule -OutFile out/GovernanceModule/en-US/GovernanceModule.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$Sections = @('SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'EXAMPLES', 'RELATED LINKS')

# Paragraphs of markdown lines: a blank line ends one; the lines of a paragraph are joined with a space; a ``` fence
# is one paragraph that keeps its lines.
function ConvertFrom-MarkdownText([string[]] $Lines) {
    $paragraphs = New-Object System.Collections.Generic.List[string]
    $current = New-Object System.Collections.Generic.List[string]
    $fenced = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') {
            if ($fenced) { $paragraphs.Add($current -join "`n"); $current.Clear() }
            elseif ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }
            $fenced = -not $fenced
        }
        elseif ($fenced) { $current.Add($line) }
        elseif ($line.Trim() -eq '') {
            if ($current.Count) { $paragraphs.Add($current -join ' '); $current.Clear() }
        }
        else { $current.Add($line.Trim()) }
    }
    if ($current.Count) { $paragraphs.Add($current -join ' ') }
    $paragraphs
}

# A help file as '## ' sections, each a list of '### ' parts (Title, Lines); text before the first part has Title $null.
function Read-HelpFile([string] $Path, [System.Collections.Generic.List[string]] $Problems) {
    $lines = [IO.File]::ReadAllLines($Path, (New-Object System.Text.UTF8Encoding($false)))
    $file = @{ Title = $null; Sections = @{} }
    $parts = $null
    $fenced = $false
    foreach ($line in $lines) {
        if ($line -match '^```') { $fenced = -not $fenced }
        if (-not $fenced -and $line -match '^# (?<title>.+)$') { $file.Title = $Matches['title'].Trim(); continue }
        if (-not $fenced -and $line -match '^## (?<section>.+)$') {
            $name = $Matches['section'].Trim().ToUpperInvariant()
            if ($Sections -notcontains $name) { $Problems.Add("${Path}: unknown section '## $name'; the sections are $($Sections -join ', ').") }
            $parts = New-Object System.Collections.Generic.List[object]
            $parts.Add(@{ Title = $null; Lines = New-Object System.Collections.Generic.List[string] })
            $file.Sections[$name] = $parts
            continue
        }
        if (-not $fenced -and $line -match '^### (?<part>.+)$' -and $null -ne $parts) {
            $parts.Add(@{ Title = $Matches['part'].Trim(); Lines = New-Object System.Collections.Generic.List[string] })
            continue
        }
        if ($null -ne $parts) { $parts[$parts.Count - 1].Lines.Add($line) }
    }
    $file
}

function Get-Part($File, [string] $Section) {
    if ($File.Sections.ContainsKey($Section)) { $File.Sections[$Section] }
}

# The parameters Get-Help shows: not the common ones, not DontShow; -WhatIf and -Confirm are.
function Test-Documented($Parameter) {
    if ([System.Management.Automation.Cmdlet]::CommonParameters -contains $Parameter.Name) { return $false }
    -not @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count
}

# Names and type names in the order and spelling Get-Command -Syntax shows them, per parameter set.
function Get-SyntaxEntry($ParameterSet) {
    $pattern = '(?<=[\s\[])-(?<name>\w+)\]?(?: <(?<type>[^>]+)>)?'
    foreach ($match in [regex]::Matches(' ' + $ParameterSet.ToString(), $pattern)) {
        [pscustomobject]@{ Name = $match.Groups['name'].Value; Type = $match.Groups['type'].Value }
    }
}

function Get-DefaultValue($Command, $Parameter, $Instance) {
    if ($Parameter.SwitchParameter) { return 'False' }
    $value = $null
    if ($null -ne $Instance) {
        $property = $Instance.GetType().GetProperty($Parameter.Name)
        if ($null -ne $property) { $value = $property.GetValue($Instance) }
    }
    elseif ($Command.CommandType -eq 'Function' -and $Command.ScriptBlock.Ast.Body.ParamBlock) {
        $declared = @($Command.ScriptBlock.Ast.Body.ParamBlock.Parameters | Where-Object { $_.Name.VariablePath.UserPath -eq $Parameter.Name })
        if ($declared.Count -and $declared[0].DefaultValue) { $value = $declared[0].DefaultValue.Extent.Text }
    }
    if ($null -eq $value -or "$value" -eq '' -or "$value" -eq '@()') { return 'None' }
    "$value"
}

# What the validation attributes allow, as a sentence after the description.
function Get-AllowedValue($Parameter) {
    foreach ($attribute in $Parameter.Attributes) {
        if ($attribute -is [System.Management.Automation.ValidateRangeAttribute]) {
            if ($attribute.MaxRange -eq [int]::MaxValue) { "At least $($attribute.MinRange)." } else { "From $($attribute.MinRange) to $($attribute.MaxRange)." }
        }
        if ($attribute -is [System.Management.Automation.ValidateSetAttribute]) { "One of: $($attribute.ValidValues -join ', ')." }
    }
}

function Get-PipelineInput($Parameter) {
    $ways = @()
    $attributes = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    if (@($attributes | Where-Object ValueFromPipeline).Count) { $ways += 'ByValue' }
    if (@($attributes | Where-Object ValueFromPipelineByPropertyName).Count) { $ways += 'ByPropertyName' }
    if ($ways.Count) { return "True ($($ways -join ', '))" }
    'False'
}

function Write-Para([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('para', $MamlNs, $paragraph) }
}

function Write-TypeList([System.Xml.XmlWriter] $Writer, [string] $Element, [string] $Item, $Parts) {
    $Writer.WriteStartElement($Element, $CommandNs)
    foreach ($part in @($Parts | Where-Object Title)) {
        $Writer.WriteStartElement($Item, $CommandNs)
        $Writer.WriteStartElement('type', $DevNs)
        $Writer.WriteElementString('name', $MamlNs, $part.Title)
        $Writer.WriteEndElement()
        $Writer.WriteStartElement('description', $MamlNs)
        Write-Para $Writer (ConvertFrom-MarkdownText $part.Lines)
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

# One <command:parameter>: $Fact is what the help says of it; $InSet, in SYNTAX, its CommandParameterInfo in that set.
function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, $Fact, $InSet) {
    $required = $Fact.Required
    $position = $Fact.Position
    if ($null -ne $InSet) {
        $required = $InSet.IsMandatory
        $position = 'named'
        if ($InSet.Position -ge 0) { $position = [string] $InSet.Position }
    }
    $Writer.WriteStartElement('parameter', $CommandNs)
    $Writer.WriteAttributeString('required', ([string] $required).ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ([string] $Parameter.ParameterType.IsArray).ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', $Fact.PipelineInput)
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $Fact.Aliases)
    $Writer.WriteElementString('name', $MamlNs, $Parameter.Name)
    $Writer.WriteStartElement('description', $MamlNs)
    Write-Para $Writer $Fact.Description
    $Writer.WriteEndElement()
    # A switch in SYNTAX has no value, so that Get-Help shows [-WhatIf] rather than [-WhatIf <SwitchParameter>].
    if (-not ($Parameter.SwitchParameter -and $null -ne $InSet)) {
        $Writer.WriteStartElement('parameterValue', $CommandNs)
        $Writer.WriteAttributeString('required', ([string] (-not $Parameter.SwitchParameter)).ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Fact.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('type', $DevNs)
    $Writer.WriteElementString('name', $MamlNs, $Fact.Type)
    $Writer.WriteEndElement()
    $Writer.WriteElementString('defaultValue', $DevNs, $Fact.Default)
    $Writer.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $Writer, $Command, $File, [string] $Path, [System.Collections.Generic.List[string]] $Problems) {
    $name = $Command.Name
    $synopsis = @(ConvertFrom-MarkdownText (@(Get-Part $File 'SYNOPSIS') | ForEach-Object { $_.Lines }))
    if (-not $synopsis.Count) { $Problems.Add("$name has no synopsis: write one under '## SYNOPSIS' in $Path.") }
    $examples = @(Get-Part $File 'EXAMPLES' | Where-Object Title)
    if (-not $examples.Count) { $Problems.Add("$name has no example: add a '### <title>' with a code block under '## EXAMPLES' in $Path.") }

    # The OUTPUTS headings name the [OutputType] types, so that the output's description cannot lose its type.
    $declared = @($Command.OutputType | ForEach-Object Name | Sort-Object)
    $headings = @(Get-Part $File 'OUTPUTS' | Where-Object Title | ForEach-Object Title | Sort-Object)
    if (($declared -join ', ') -ne ($headings -join ', ')) {
        $Problems.Add("$name declares the output types [$($declared -join ', ')] but '## OUTPUTS' in $Path describes [$($headings -join ', ')]: give each type a '### <type>' part.")
    }

    $described = @{}
    foreach ($part in @(Get-Part $File 'PARAMETERS' | Where-Object Title)) {
        $parameterName = $part.Title.TrimStart('-')
        $shown = $Command.Parameters.ContainsKey($parameterName) -and (Test-Documented $Command.Parameters[$parameterName])
        if (-not $shown) { $Problems.Add("$name describes -$parameterName, which it does not have (or hides): remove '### $($part.Title)' from $Path.") }
        $described[$parameterName] = @(ConvertFrom-MarkdownText $part.Lines)
    }

    $instance = $null
    if ($Command.CommandType -eq 'Cmdlet') { $instance = [Activator]::CreateInstance($Command.ImplementingType) }
    $types = @{}
    foreach ($set in $Command.ParameterSets) { foreach ($entry in Get-SyntaxEntry $set) { if ($entry.Type) { $types[$entry.Name] = $entry.Type } } }
    $facts = [ordered]@{}
    foreach ($parameter in @($Command.Parameters.Values | Where-Object { Test-Documented $_ })) {
        $description = @()
        if ($described.ContainsKey($parameter.Name)) { $description = @($described[$parameter.Name]) }
        if (-not $description.Count) {
            $Problems.Add("$name -$($parameter.Name) has no description: add '### -$($parameter.Name)' and its text under '## PARAMETERS' in $Path.")
        }
        $inSets = @($Command.ParameterSets | ForEach-Object { $_.Parameters } | Where-Object Name -EQ $parameter.Name)
        $positions = @($inSets | ForEach-Object { $_.Position } | Sort-Object -Unique)
        $position = 'named'
        if ($positions.Count -eq 1 -and $positions[0] -ge 0) { $position = [string] $positions[0] }
        $type = 'SwitchParameter'
        if (-not $parameter.SwitchParameter) { $type = $types[$parameter.Name] }
        $aliases = 'none'
        if ($parameter.Aliases.Count) { $aliases = $parameter.Aliases -join ', ' }
        $facts[$parameter.Name] = @{
            Description   = @($description) + @(Get-AllowedValue $parameter)
            Required      = -not @($inSets | Where-Object { -not $_.IsMandatory }).Count
            Position      = $position
            PipelineInput = Get-PipelineInput $parameter
            Aliases       = $aliases
            Type          = $type
            Default       = Get-DefaultValue $Command $parameter $instance
        }
    }

    $verb, $noun = $name -split '-', 2
    $Writer.WriteStartElement('command', 'command', $CommandNs)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $MamlNs)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $DevNs)
    $Writer.WriteStartElement('details', $CommandNs)
    $Writer.WriteElementString('name', $CommandNs, $name)
    $Writer.WriteElementString('verb', $CommandNs, $verb)
    $Writer.WriteElementString('noun', $CommandNs, $noun)
    $Writer.WriteStartElement('description', $MamlNs)
    Write-Para $Writer $synopsis
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
    $Writer.WriteStartElement('description', $MamlNs)
    Write-Para $Writer (ConvertFrom-MarkdownText (@(Get-Part $File 'DESCRIPTION') | ForEach-Object { $_.Lines }))
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('syntax', $CommandNs)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('syntaxItem', $CommandNs)
        $Writer.WriteElementString('name', $MamlNs, $name)
        foreach ($entry in Get-SyntaxEntry $set) {
            if (-not $facts.Contains($entry.Name)) { continue }
            $inSet = @($set.Parameters | Where-Object Name -EQ $entry.Name)[0]
            Write-Parameter $Writer $Command.Parameters[$entry.Name] $facts[$entry.Name] $inSet
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # The parameters in the order the help file describes them, then any it misses.
    $order = @(Get-Part $File 'PARAMETERS' | Where-Object Title | ForEach-Object { $_.Title.TrimStart('-') } | Where-Object { $facts.Contains($_) })
    $order += @($facts.Keys | Where-Object { $order -notcontains $_ })
    $Writer.WriteStartElement('parameters', $CommandNs)
    foreach ($parameterName in $order) { Write-Parameter $Writer $Command.Parameters[$parameterName] $facts[$parameterName] $null }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'inputTypes' 'inputType' @(Get-Part $File 'INPUTS')
    Write-TypeList $Writer 'returnValues' 'returnValue' @(Get-Part $File 'OUTPUTS')

    $notes = @(ConvertFrom-MarkdownText (@(Get-Part $File 'NOTES') | ForEach-Object { $_.Lines }))
    if ($notes.Count) {
        $Writer.WriteStartElement('alertSet', $MamlNs)
        $Writer.WriteStartElement('alert', $MamlNs)
        Write-Para $Writer $notes
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('examples', $CommandNs)
    $number = 0
    foreach ($example in $examples) {
        $number++
        $paragraphs = @(ConvertFrom-MarkdownText $example.Lines)
        $fence = @($example.Lines | Where-Object { $_ -match '^```' }).Count
        if ($fence -lt 2) { $Problems.Add("$name example '$($example.Title)' has no code: put it in a ``````powershell fence in $Path.") }
        $Writer.WriteStartElement('example', $CommandNs)
        $Writer.WriteElementString('title', $MamlNs, "-------------------------- Example ${number}: $($example.Title) --------------------------")
        $code = ''
        if ($paragraphs.Count) { $code = $paragraphs[0] }
        $Writer.WriteElementString('code', $DevNs, $code)
        $Writer.WriteStartElement('remarks', $DevNs)
        Write-Para $Writer @($paragraphs | Select-Object -Skip 1)
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('relatedLinks', $CommandNs)
    foreach ($line in @(Get-Part $File 'RELATED LINKS' | ForEach-Object { $_.Lines } | Where-Object { $_ -match '^- ' })) {
        $Writer.WriteStartElement('navigationLink', $MamlNs)
        $Writer.WriteElementString('linkText', $MamlNs, $line.Substring(2).Trim())
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

$imported = Import-Module (Resolve-Path -LiteralPath $Module).ProviderPath -Force -PassThru
$commands = @(Get-Command -Module $imported.Name | Sort-Object Name)
$problems = New-Object System.Collections.Generic.List[string]
$files = @{}
foreach ($markdown in Get-ChildItem -LiteralPath $Source -Filter '*.md') {
    $file = Read-HelpFile $markdown.FullName $problems
    if ($file.Title -ne $markdown.BaseName) { $problems.Add("$($markdown.FullName): the title must be '# $($markdown.BaseName)'.") }
    if (-not @($commands | Where-Object Name -EQ $markdown.BaseName).Count) { $problems.Add("$($markdown.FullName) documents $($markdown.BaseName), which $($imported.Name) does not export.") }
    $files[$markdown.BaseName] = $file
}

$settings = New-Object System.Xml.XmlWriterSettings
$settings.Encoding = New-Object System.Text.UTF8Encoding($false)
$buffer = New-Object System.IO.MemoryStream
$writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')
foreach ($command in $commands) {
    $path = Join-Path $Source "$($command.Name).md"
    if (-not $files.ContainsKey($command.Name)) {
        $problems.Add("$($command.Name) has no help file: write $path (format: tools/help/README.md).")
        continue
    }
    Write-Command $writer $command $files[$command.Name] $path $problems
}
$writer.WriteEndElement()
$writer.Dispose()

if ($problems.Count) {
    throw "The help of $($imported.Name) is incomplete:$([Environment]::NewLine)$($problems -join [Environment]::NewLine)"
}
$target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
New-Item -ItemType Directory -Path (Split-Path $target -Parent) -Force | Out-Null
[IO.File]::WriteAllBytes($target, $buffer.ToArray())
Write-Verbose "Wrote $target for $($commands.Count) command(s)."
