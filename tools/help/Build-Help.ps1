<#
.SYNOPSIS
    Writes the module's MAML help from the compact JSON sources beside this script.
.DESCRIPTION
    Reads every tools/help/*.json file (in ordinal order of their names), each an array of commands, and writes
    src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml, which Get-Help reads. Run it after editing a JSON
    file, or run `./build.ps1 Help`, and commit the XML with the JSON:

        pwsh ./tools/help/Build-Help.ps1

    tests/GovernanceModule.Tests/HelpTests.cs checks that every cmdlet has an entry, examples and exactly its
    visible parameters; tests/pester/Help.Tests.ps1 checks that the committed XML is what this script writes.

    In SYNTAX a switch parameter has no parameterValue, so Get-Help shows [-WhatIf] rather than
    [-WhatIf <SwitchParameter>]; the PARAMETERS section keeps its type. Lines end with LF and the file is UTF-8
    without a byte order mark, whichever PowerShell runs it (Windows PowerShell 5.1 syntax).
.PARAMETER Path
    The JSON sources. Default: the *.json files beside this script.
.PARAMETER OutFile
    The MAML file to write. Default: src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml.
.EXAMPLE
    ./tools/help/Build-Help.ps1
.EXAMPLE
    ./tools/help/Build-Help.ps1 -OutFile (Join-Path ([IO.Path]::GetTempPath()) 'help.xml')
#>
[CmdletBinding()]
param(
    [string[]] $Path,
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The value of a JSON object's member, or $Default when the object has none. For single values only: a function
# would unroll an array.
function Get-JsonValue {
    param($Object, [string] $Name, $Default = $null)
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) { return $Default }
    $property.Value
}

# Whether a JSON object has the member (read arrays inline: a function would unroll them).
function Test-JsonMember($Object, [string] $Name) { $null -ne $Object.PSObject.Properties[$Name] }

# XML text: &, < and > escaped (quotes are left as they are, in text and in attributes alike).
function ConvertTo-XmlText([string] $Text) {
    $Text.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;')
}

# One maml:para per paragraph; paragraphs are separated by a blank line.
function ConvertTo-Para([string] $Text) {
    $paragraphs = $Text -split "`n`n"
    -join @($paragraphs | ForEach-Object { '<maml:para>' + (ConvertTo-XmlText $_) + '</maml:para>' })
}

function ConvertTo-ParameterXml {
    param($Parameter, [string] $Indent, [switch] $InSyntax)
    $type = [string] $Parameter.type
    $required = 'false'
    if (Get-JsonValue $Parameter 'required' $false) { $required = 'true' }
    $variableLength = 'false'
    if ($type.EndsWith('[]')) { $variableLength = 'true' }
    $pipeline = Get-JsonValue $Parameter 'pipeline' 'False'
    $position = Get-JsonValue $Parameter 'position' 'named'
    $aliases = 'none'
    if ((Test-JsonMember $Parameter 'aliases') -and @($Parameter.aliases).Count -gt 0) { $aliases = @($Parameter.aliases) -join ', ' }
    $isSwitch = $type -eq 'SwitchParameter'
    $valueRequired = 'true'
    if ($isSwitch) { $valueRequired = 'false' }

    $lines = New-Object System.Collections.Generic.List[string]
    $lines.Add("$Indent<command:parameter required=`"$required`" variableLength=`"$variableLength`" globbing=`"false`" pipelineInput=`"$pipeline`" position=`"$position`" aliases=`"$aliases`">")
    $lines.Add("$Indent  <maml:name>$($Parameter.name)</maml:name>")
    $lines.Add("$Indent  <maml:description>$(ConvertTo-Para $Parameter.desc)</maml:description>")
    # A switch takes no value: in SYNTAX, a parameterValue would make Get-Help show [-WhatIf <SwitchParameter>].
    if (-not ($InSyntax -and $isSwitch)) {
        $lines.Add("$Indent  <command:parameterValue required=`"$valueRequired`" variableLength=`"false`">$type</command:parameterValue>")
    }
    $lines.Add("$Indent  <dev:type><maml:name>$type</maml:name></dev:type>")
    $lines.Add("$Indent  <dev:defaultValue>$(ConvertTo-XmlText (Get-JsonValue $Parameter 'default' 'None'))</dev:defaultValue>")
    $lines.Add("$Indent</command:parameter>")
    $lines -join "`n"
}

function ConvertTo-CommandXml($Command) {
    $name = [string] $Command.name
    $verb, $noun = $name -split '-', 2
    $parameters = @{}
    foreach ($parameter in @($Command.parameters)) { $parameters[[string] $parameter.name] = $parameter }

    $lines = New-Object System.Collections.Generic.List[string]
    $lines.Add('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    $lines.Add('    <command:details>')
    $lines.Add("      <command:name>$name</command:name>")
    $lines.Add("      <command:verb>$verb</command:verb>")
    $lines.Add("      <command:noun>$noun</command:noun>")
    $lines.Add("      <maml:description>$(ConvertTo-Para $Command.synopsis)</maml:description>")
    $lines.Add('    </command:details>')
    $lines.Add("    <maml:description>$(ConvertTo-Para $Command.description)</maml:description>")
    $lines.Add('    <command:syntax>')
    foreach ($set in $Command.syntax) {
        $lines.Add('      <command:syntaxItem>')
        $lines.Add("        <maml:name>$name</maml:name>")
        foreach ($parameterName in @($set)) {
            if (-not $parameters.ContainsKey([string] $parameterName)) {
                throw "$name lists $parameterName in a syntax but not among its parameters."
            }
            $lines.Add((ConvertTo-ParameterXml $parameters[[string] $parameterName] '        ' -InSyntax))
        }
        $lines.Add('      </command:syntaxItem>')
    }
    $lines.Add('    </command:syntax>')
    $lines.Add('    <command:parameters>')
    foreach ($parameter in @($Command.parameters)) {
        $lines.Add((ConvertTo-ParameterXml $parameter '      '))
    }
    $lines.Add('    </command:parameters>')
    $lines.Add('    <command:inputTypes>')
    $inputs = @()
    if (Test-JsonMember $Command 'inputs') { $inputs = $Command.inputs }
    foreach ($item in $inputs) {
        $lines.Add("      <command:inputType><dev:type><maml:name>$(ConvertTo-XmlText $item[0])</maml:name></dev:type><maml:description>$(ConvertTo-Para $item[1])</maml:description></command:inputType>")
    }
    $lines.Add('    </command:inputTypes>')
    $lines.Add('    <command:returnValues>')
    $outputs = @()
    if (Test-JsonMember $Command 'outputs') { $outputs = $Command.outputs }
    foreach ($item in $outputs) {
        $lines.Add("      <command:returnValue><dev:type><maml:name>$(ConvertTo-XmlText $item[0])</maml:name></dev:type><maml:description>$(ConvertTo-Para $item[1])</maml:description></command:returnValue>")
    }
    $lines.Add('    </command:returnValues>')
    $notes = Get-JsonValue $Command 'notes' ''
    if ($notes) {
        $lines.Add("    <maml:alertSet><maml:alert>$(ConvertTo-Para $notes)</maml:alert></maml:alertSet>")
    }
    $lines.Add('    <command:examples>')
    $number = 0
    foreach ($example in $Command.examples) {
        $number++
        $lines.Add('      <command:example>')
        $lines.Add("        <maml:title>-------------------------- Example ${number}: $(ConvertTo-XmlText $example[0]) --------------------------</maml:title>")
        $lines.Add("        <dev:code>$(ConvertTo-XmlText $example[1])</dev:code>")
        $lines.Add("        <dev:remarks>$(ConvertTo-Para $example[2])</dev:remarks>")
        $lines.Add('      </command:example>')
    }
    $lines.Add('    </command:examples>')
    $lines.Add('    <command:relatedLinks>')
    $related = @()
    if (Test-JsonMember $Command 'related') { $related = @($Command.related) }
    foreach ($link in $related) {
        $lines.Add("      <maml:navigationLink><maml:linkText>$link</maml:linkText></maml:navigationLink>")
    }
    $lines.Add('    </command:relatedLinks>')
    $lines.Add('  </command:command>')
    $lines -join "`n"
}

if (-not $OutFile) {
    $OutFile = Join-Path $PSScriptRoot '../../src/GovernanceModule/en-US/GovernanceModule.dll-Help.xml'
}
if (-not $Path) {
    $Path = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.json' | ForEach-Object { $_.FullName })
}
# Ordinal order of the file names, whatever the culture: isc.json, nerm.json, oig.json.
$files = [string[]] @($Path | ForEach-Object { (Resolve-Path -LiteralPath $_).ProviderPath })
[Array]::Sort($files, [StringComparer]::Ordinal)
$utf8 = New-Object System.Text.UTF8Encoding($false)

$output = New-Object System.Collections.Generic.List[string]
$output.Add('<?xml version="1.0" encoding="utf-8"?>')
$output.Add('<helpItems schema="maml" xmlns="http://msh">')
foreach ($file in $files) {
    # Text, not Get-Content: Windows PowerShell would read the UTF-8 file in the ANSI code page.
    $json = [IO.File]::ReadAllText($file, $utf8)
    # ConvertFrom-Json in Windows PowerShell writes a top-level array as one object: enumerate it here.
    foreach ($command in @(ConvertFrom-Json -InputObject $json)) {
        foreach ($item in @($command)) { $output.Add((ConvertTo-CommandXml $item)) }
    }
}
$output.Add('</helpItems>')

$target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
[IO.File]::WriteAllText($target, (($output -join "`n") + "`n"), $utf8)
Write-Verbose "Wrote $target from $($files.Count) JSON file(s)."
