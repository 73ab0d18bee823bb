#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The MAML help that ./build.ps1 Build writes into out/ from each module (tools/help/Build-Help.ps1) and
# docs/help/<module>/*.md, as Get-Help shows it from the built modules. Windows PowerShell 5.1 syntax.

BeforeDiscovery {
    $script:Modules = @(
        @{ Module = 'GovernanceModule'; Manifest = 'out/GovernanceModule/GovernanceModule.psd1' }
        @{ Module = 'GovernanceModule.Emulator'; Manifest = 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1' }
    )
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Commands = @(foreach ($module in $Modules) {
            foreach ($file in Get-ChildItem (Join-Path $root "docs/help/$($module.Module)") -Filter '*.md') {
                @{ Name = $file.BaseName; Module = $module.Module }
            }
        })
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Generator = Join-Path $Root 'tools/help/Build-Help.ps1'
    $script:ModuleManifest = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    Import-Module $ModuleManifest -Force
    Import-Module (Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force

    # -Verbose, -Debug and the other common parameters are not in the help; -WhatIf and -Confirm are.
    $script:CommonParameters = @([System.Management.Automation.Cmdlet]::CommonParameters)

    function script:Remove-Color([string] $Text) { $Text -replace ([regex]::Escape([string][char]27) + '\[[0-9;]*m'), '' }

    # One line per syntax, without the indentation Get-Help adds.
    function script:Get-SyntaxLine([string] $Text) {
        @((Remove-Color $Text) -split '\r?\n' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }

    # A help file of docs/help copied into the test drive, so that a test can spoil it.
    function script:Copy-HelpSource {
        $copy = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        Copy-Item (Join-Path $Root 'docs/help/GovernanceModule') $copy -Recurse
        $copy
    }

    function script:Invoke-Generator([string] $Source) {
        $outFile = Join-Path $TestDrive 'help.xml'
        Remove-Item $outFile -ErrorAction SilentlyContinue
        $failure = $null
        try { & $Generator -Module $ModuleManifest -Source $Source -OutFile $outFile } catch { $failure = $_ }
        [pscustomobject]@{ Message = "$failure"; Written = Test-Path $outFile }
    }
}

AfterAll {
    Remove-Module GovernanceModule, GovernanceModule.Emulator -ErrorAction SilentlyContinue
}

Describe 'Build-Help.ps1' {
    It 'wrote help for every command of <Module> and nothing else' -ForEach $Modules {
        $documented = @($Commands | Where-Object { $_.Module -eq $Module } | ForEach-Object { $_.Name } | Sort-Object)

        $documented | Should -Be @(Get-Command -Module $Module | ForEach-Object Name | Sort-Object)
        $helpFile = @(Get-ChildItem (Join-Path (Split-Path (Join-Path $Root $Manifest) -Parent) 'en-US') -Filter '*.xml')
        $helpFile.Count | Should -Be 1
        ([xml] [IO.File]::ReadAllText($helpFile[0].FullName)).helpItems.command.Count | Should -Be $documented.Count
    }

    It 'stops, naming the command and the parameter, when a parameter has no description, and writes nothing' {
        $source = Copy-HelpSource
        $file = Join-Path $source 'Set-ProvTask.md'
        $text = [IO.File]::ReadAllText($file) -replace '(?s)### -Note\r?\n.*?(?=### )', ''
        [IO.File]::WriteAllText($file, $text)

        $result = Invoke-Generator $source

        $result.Message | Should -BeLike '*Set-ProvTask -Note has no description*'
        $result.Message | Should -BeLike "*$file*"
        $result.Written | Should -BeFalse
    }

    It 'stops when a command has no help file, a file describes a parameter its command lacks, or misses an output type' {
        $source = Copy-HelpSource
        Remove-Item (Join-Path $source 'Disconnect-OigServer.md')
        Add-Content (Join-Path $source 'Get-ProvTask.md') -Value '', '## PARAMETERS', '', '### -Bogus', '', 'Not a parameter.'
        $file = Join-Path $source 'Set-ProvTask.md'
        [IO.File]::WriteAllText($file, [IO.File]::ReadAllText($file).Replace('### GovernanceModule.Core.Oig.ProvTaskResult', '### ProvTaskResult'))

        $result = Invoke-Generator $source

        $result.Message | Should -BeLike '*Disconnect-OigServer has no help file*'
        $result.Message | Should -BeLike '*Get-ProvTask describes -Bogus, which it does not have*'
        $result.Message | Should -BeLike '*Set-ProvTask declares the output types `[GovernanceModule.Core.Oig.ProvTaskResult`] but*'
        $result.Written | Should -BeFalse
    }

    It 'writes the same help from the same sources (the MAML of the build is what the generator writes)' {
        $result = Invoke-Generator (Join-Path $Root 'docs/help/GovernanceModule')

        $result.Message | Should -BeNullOrEmpty
        [IO.File]::ReadAllText((Join-Path $TestDrive 'help.xml')) | Should -BeExactly ([IO.File]::ReadAllText((Join-Path $Root 'out/GovernanceModule/en-US/GovernanceModule.dll-Help.xml')))
    }
}

Describe 'Get-Help <Name>' -ForEach $Commands {
    BeforeAll {
        $script:Command = Get-Command $Name -Module $Module
        $script:Shown = @($Command.Parameters.Values | Where-Object {
                $CommonParameters -notcontains $_.Name -and -not @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count
            })
    }

    It 'shows the syntax of Get-Command -Syntax (without hidden parameters)' {
        $expected = Get-SyntaxLine (Get-Command $Name -Module $Module -Syntax | Out-String -Width 4096)
        foreach ($hidden in @($Command.Parameters.Values | Where-Object { $CommonParameters -notcontains $_.Name -and $Shown -notcontains $_ })) {
            $expected = @($expected | ForEach-Object { $_ -replace (' \[-' + $hidden.Name + ' <[^>]+>\]'), '' })
        }

        Get-SyntaxLine ((Get-Help $Name).syntax | Out-String -Width 4096) | Should -Be $expected
    }

    It 'describes every parameter it shows' {
        $help = Get-Help $Name -Full
        foreach ($parameter in $Shown) {
            $described = @($help.parameters.parameter | Where-Object { $_.name -eq $parameter.Name -and ($_.description | Out-String).Trim() })
            $described.Count | Should -Be 1 -Because "-$($parameter.Name) of $Name needs a description"
        }
    }

    It 'has a synopsis and examples' {
        $help = Get-Help $Name -Full

        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"
        @($help.examples.example | Where-Object { "$($_.code)".Trim() }).Count | Should -BeGreaterThan 0
    }
}

Describe 'Get-Help on the built module' {
    It 'shows the synopsis of docs/help/GovernanceModule/Set-ProvTask.md' {
        $file = [IO.File]::ReadAllText((Join-Path $Root 'docs/help/GovernanceModule/Set-ProvTask.md'))
        $synopsis = ([regex]::Match($file, '(?s)## SYNOPSIS\s+(.*?)\s+## ').Groups[1].Value -split '\s*\r?\n\s*') -join ' '

        (Get-Help Set-ProvTask).Synopsis | Should -BeExactly $synopsis
    }

    It 'shows switches as [-WhatIf] and [-Confirm], without a value' {
        $syntax = Remove-Color ((Get-Help Set-ProvTask).syntax | Out-String -Width 4096)

        $syntax | Should -Match ([regex]::Escape('[-WhatIf]'))
        $syntax | Should -Match ([regex]::Escape('[-Confirm]'))
        $syntax | Should -Not -Match '<SwitchParameter>'
        $syntax | Should -Match ([regex]::Escape('[-TaskId] <string>'))
        Remove-Color ((Get-Help Edit-ProvisioningPolicy).syntax | Out-String -Width 4096) | Should -Match ([regex]::Escape('[-AllowUndocumentedUsageType]'))
    }

    It 'shows the facts of the module: default, aliases, pipeline binding and the valid range' {
        $parameter = (Get-Help Set-ProvTask -Full).parameters.parameter | Where-Object name -EQ 'ThrottleLimit'
        $taskId = (Get-Help Set-ProvTask -Full).parameters.parameter | Where-Object name -EQ 'TaskId'

        $parameter.defaultValue | Should -Be '4'
        ($parameter.description | Out-String) | Should -Match 'From 1 to 16\.'
        $taskId.aliases | Should -Be 'Id, ProvTaskId'
        $taskId.pipelineInput | Should -Be 'True (ByPropertyName)'
        # Not mandatory: a CSV without the column gets the cmdlet's one error for the file, not a binder error per row.
        $taskId.required | Should -Be 'false'
        $taskId.position | Should -Be '0'
    }

    It 'shows the Set-ProvTask examples with -Examples' {
        $examples = Remove-Color (Get-Help Set-ProvTask -Examples | Out-String -Width 4096)

        $examples | Should -Match 'Example 1: Apply a CSV of mixed changes and keep an audit trail'
        $examples | Should -Match 'Import-Csv .*\| Set-ProvTask'
        $examples | Should -Match 'Each row is validated, sent in bulk'
    }
}
