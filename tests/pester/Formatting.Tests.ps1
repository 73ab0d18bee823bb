#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The default views as users see them in an 80-column console: what the cmdlets return from a real emulator,
# rendered by PowerShell's own formatter with Out-String -Width 80, and at 79, the width the console host formats
# to in an 80-column window (it keeps the last column free, see ConsoleLineOutput.ColumnNumber). Each table must
# keep its columns (none dropped, no header wrapped), show ids in full on one line, and wrap rather than cut what
# the views promise to show whole. Windows PowerShell 5.1 syntax.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModuleFolder = Join-Path $Root 'out/GovernanceModule'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $ModuleFolder 'GovernanceModule.psd1') -Force
    # The longest requester type, NeaccessRegistrant, is one the emulator stores only when told to (a deviation).
    $script:Emulator = Start-GovernanceEmulator -ArgumentList '--Emulator:Nerm:AcceptNeaccessRegistrant', 'true'

    $oigCredential = New-Object System.Management.Automation.PSCredential('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force))
    $iscCredential = New-Object System.Management.Automation.PSCredential('emulator-demo-client', (ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force))
    $script:OigConnection = Connect-OigServer -Uri $Emulator.Uri -Credential $oigCredential -PassThru
    $script:NermConnection = Connect-NermTenant -Uri $Emulator.Uri -Token (ConvertTo-SecureString 'nerm-demo-api-key-0001' -AsPlainText -Force) -PassThru
    $script:IscConnection = Connect-IscTenant -Uri $Emulator.Uri -Credential $iscCredential -PassThru

    $script:ExampleSessionId = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
    $script:LongSessionId = '00000000-0000-4000-8000-000000000004'
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'
    $script:SecondSourceId = '2c91808568c529c60168cca6f90c1313'
    $script:ManualTaskReason = 'This task is not automated. If task is completed, set status to UC.'

    # Renders objects as a user sees them (their default view) and returns the lines, without colour sequences.
    function script:Get-RenderedLine {
        param([Parameter(Mandatory)] [object[]] $InputObject, [Parameter(Mandatory)] [int] $Width)
        $text = $InputObject | Out-String -Width $Width
        $text = $text -replace ([regex]::Escape([string][char]27) + '\[[0-9;]*m'), ''
        , @($text -split '\r?\n')
    }

    # Reads rendered tables back: one object per row, a property per header label. A wrapped cell's lines are
    # joined with newlines, so a value shown whole on one line compares equal to itself. Group headings such as
    # "SourceId: ..." go into the row's Group property.
    function script:ConvertFrom-RenderedTable {
        param([Parameter(Mandatory)] [AllowEmptyString()] [string[]] $Line)
        $rows = New-Object System.Collections.Generic.List[object]
        $columns = $null
        $row = $null
        $group = $null
        for ($i = 0; $i -lt $Line.Count; $i++) {
            $text = $Line[$i]
            if ($i + 1 -lt $Line.Count -and $text.Trim() -and $Line[$i + 1] -match '^-+( +-+)*\s*$') {
                $columns = @([regex]::Matches($text, '\S+') | ForEach-Object { [pscustomobject]@{ Name = $_.Value; Start = $_.Index } })
                $i++
                continue
            }
            if (-not $text.Trim()) {
                $columns = $null
                $row = $null
                continue
            }
            if ($null -eq $columns) {
                if ($text -match '^\s+(?<group>\w+: .+)$') { $group = $Matches.group.Trim() }
                continue
            }
            $cells = @()
            for ($k = 0; $k -lt $columns.Count; $k++) {
                $start = $columns[$k].Start
                $cell = ''
                if ($start -lt $text.Length) {
                    if ($k + 1 -lt $columns.Count) {
                        $cell = $text.Substring($start, [Math]::Min($columns[$k + 1].Start, $text.Length) - $start)
                    }
                    else {
                        $cell = $text.Substring($start)
                    }
                }
                $cells += $cell.Trim()
            }
            if ($cells[0]) {
                $row = [ordered]@{ Group = $group }
                for ($k = 0; $k -lt $columns.Count; $k++) { $row[$columns[$k].Name] = $cells[$k] }
                $rows.Add($row)
            }
            elseif ($null -ne $row) {
                for ($k = 0; $k -lt $columns.Count; $k++) {
                    if ($cells[$k]) { $row[$columns[$k].Name] = $row[$columns[$k].Name] + "`n" + $cells[$k] }
                }
            }
        }
        foreach ($item in $rows) { [pscustomobject]$item }
    }

    # The header labels of each table in the lines, one string per table.
    function script:Get-TableHeader {
        param([Parameter(Mandatory)] [AllowEmptyString()] [string[]] $Line)
        for ($i = 0; $i + 1 -lt $Line.Count; $i++) {
            if ($Line[$i].Trim() -and $Line[$i + 1] -match '^-+( +-+)*\s*$') { (-split $Line[$i]) -join ' ' }
        }
    }

    function script:Get-LongLine {
        param([Parameter(Mandatory)] [AllowEmptyString()] [string[]] $Line, [Parameter(Mandatory)] [int] $Width)
        @($Line | Where-Object { $_.Length -gt $Width })
    }

    function script:Get-NonSpace([string] $Text) { $Text -replace '\s', '' }

    # What the cmdlets return, gathered once: every run below only formats.
    Reset-GovernanceEmulator -Emulator $Emulator
    $script:Tasks = @(Get-ProvTask -TaskId 6, 30, 1006, 5126)
    $script:TaskResults = @(
        Set-ProvTask -TaskId 6 -Note 'formatted'
        Set-ProvTask -TaskId 3009 -Assignee 1
        Set-ProvTask -TaskId 6 -Response 'VALIDATION_FAILED'
        Invoke-ProvTaskRetry -TaskId 30 -ErrorAction SilentlyContinue
        Invoke-ProvTaskRetry -TaskId 1006
    )
    $script:Sessions = @(Get-WorkflowSession -Id $ExampleSessionId, '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003')
    $script:UpdatedSessions = @(
        Update-WorkflowSession -Id $ExampleSessionId -Status approved
        Update-WorkflowSession -Id $LongSessionId -Status attempting_to_start_workflow -RequesterType NeaccessRegistrant
    )
    $script:Policies = @(Get-ProvisioningPolicy -SourceId $SourceId; Get-ProvisioningPolicy -SourceId $SecondSourceId)
    $script:PolicyFields = @((Get-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE).Fields)
    $script:EditResults = @(
        Edit-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE -SetField @{ Name = 'displayName'; IsRequired = $true }
        Edit-ProvisioningPolicy -SourceId $SourceId -UsageType UPDATE -SetField @{ Name = 'displayName'; IsRequired = $true }
    )
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Table views in <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 79 }) {
    Context 'OIG' {
        It 'shows Get-ProvTask tasks with what, where and for whom' {
            $lines = Get-RenderedLine $Tasks $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'TaskId TaskName Status Object DescriptiveData'
            $rows.TaskId | Should -Be @('6', '30', '1006', '5126')
            $rows[2].TaskName | Should -BeExactly 'Create User'
            $rows[2].Status | Should -BeExactly 'Rejected'
            $rows[2].Object | Should -BeExactly 'Payroll'
            $rows[2].DescriptiveData | Should -BeExactly 'dtran20190614c'
            $rows[0].Object | Should -BeExactly 'Active Directory'
        }

        It 'shows a ten-digit task id in full' {
            $fields = New-Object 'System.Collections.Generic.Dictionary[string,object]'
            $fields['Process Definition.Tasks.Task Name'] = 'Create User'
            $fields['Process Instance.Task Details.Status'] = 'Completed'
            $task = New-Object GovernanceModule.Core.Oig.ProvTask('1234567890', $fields, $null)
            $asked = [GovernanceModule.Core.Oig.ProvTaskUpdate]::From([GovernanceModule.Core.Oig.ProvTaskInput]@{ TaskId = '1234567890'; Response = 'DONE' })
            $result = New-Object GovernanceModule.Core.Oig.ProvTaskResult($asked, $null, 'SUCCESS', $true, $null, $null, $null)

            (ConvertFrom-RenderedTable (Get-RenderedLine $task $Width)).TaskId | Should -BeExactly '1234567890'
            $row = ConvertFrom-RenderedTable (Get-RenderedLine $result $Width)
            $row.TaskId | Should -BeExactly '1234567890'
            $row.Action | Should -BeExactly 'SetResponse'
        }

        It 'shows Set-ProvTask and Invoke-ProvTaskRetry results with the whole reason of a failure' {
            $lines = Get-RenderedLine $TaskResults $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'TaskId Action Status Succeeded Reason'
            $rows.TaskId | Should -Be @('6', '3009', '6', '30', '1006')
            $rows.Action | Should -Be @('SetNote', 'Reassign', 'SetResponse', 'Retry', 'Retry')
            $rows[3].Status | Should -BeExactly 'FAIL'
            $rows[3].Succeeded | Should -BeExactly 'False'
            Get-NonSpace $rows[3].Reason | Should -BeExactly (Get-NonSpace $ManualTaskReason)
        }

        It 'shows the OIG connection with its whole URI' {
            $lines = Get-RenderedLine $OigConnection $Width
            $row = ConvertFrom-RenderedTable $lines

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'UserName SkipCertificateCheck Uri'
            $row.UserName | Should -BeExactly 'xelsysadm'
            Get-NonSpace $row.Uri | Should -BeExactly $OigConnection.Uri.AbsoluteUri
        }
    }

    Context 'NERM' {
        It 'shows Get-WorkflowSession sessions with their full ids' {
            $lines = Get-RenderedLine $Sessions $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'Id Status RequesterType'
            $rows.Id | Should -Be @($ExampleSessionId, '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003')
            $rows.Status | Should -Be @('pending_approval', 'approved', 'pending_review')
            $rows[0].RequesterType | Should -BeExactly 'User'
        }

        It 'shows Update-WorkflowSession results, the longest status and requester type whole' {
            $lines = Get-RenderedLine $UpdatedSessions $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'Id Status RequesterType'
            $rows.Id | Should -Be @($ExampleSessionId, $LongSessionId)
            $rows[0].Status | Should -BeExactly 'approved'
            Get-NonSpace $rows[1].Status | Should -BeExactly 'attempting_to_start_workflow'
            $rows[1].RequesterType | Should -BeExactly 'NeaccessRegistrant'
        }

        It 'shows the NERM connection with its whole URI' {
            $lines = Get-RenderedLine $NermConnection $Width
            $row = ConvertFrom-RenderedTable $lines

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'Authentication StatusMember Uri'
            $row.Authentication | Should -BeExactly 'Token'
            $row.StatusMember | Should -BeExactly 'Status'
            Get-NonSpace $row.Uri | Should -BeExactly $NermConnection.Uri.AbsoluteUri
        }
    }

    Context 'ISC' {
        It 'shows Get-ProvisioningPolicy policies under their source, with their fields' {
            $lines = Get-RenderedLine $Policies $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            @(Get-TableHeader $lines) | Should -Be @('UsageType Name Fields', 'UsageType Name Fields')
            $rows.Group | Should -Be @("SourceId: $SourceId", "SourceId: $SourceId", "SourceId: $SourceId", "SourceId: $SecondSourceId", "SourceId: $SecondSourceId")
            $rows.UsageType | Should -Be @('CREATE', 'UPDATE', 'DISABLE', 'CREATE', 'CREATE_MACHINE_ACCOUNT')
            $rows[1].Name | Should -BeExactly 'Account update'
            $rows[1].Fields | Should -BeExactly 'mail, displayName'
            $rows[3].Fields | Should -BeExactly 'badgeId, groups'
        }

        It 'shows the fields of a policy with their whole transforms' {
            $lines = Get-RenderedLine $PolicyFields $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'Name Type IsRequired IsMultiValued Transform'
            $rows.Name | Should -Be @('mail', 'displayName')
            $rows[1].Type | Should -BeExactly 'string'
            $rows[1].IsMultiValued | Should -BeExactly 'False'
            Get-NonSpace $rows[1].Transform | Should -BeExactly 'identityAttributedisplayName'
        }

        It 'shows Edit-ProvisioningPolicy results with source id, usage type and status whole' {
            $changed = New-Object GovernanceModule.Core.Isc.PolicyEditResult($SecondSourceId, 'CREATE_MACHINE_ACCOUNT', 'ChangedSinceRead', '[]', $null, 'changed', $null)
            $lines = Get-RenderedLine ($EditResults + $changed) $Width
            $rows = @(ConvertFrom-RenderedTable $lines)

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'SourceId UsageType Status'
            $rows.SourceId | Should -Be @($SourceId, $SourceId, $SecondSourceId)
            $rows.UsageType | Should -Be @('UPDATE', 'UPDATE', 'CREATE_MACHINE_ACCOUNT')
            $rows.Status | Should -Be @('Updated', 'Unchanged', 'ChangedSinceRead')
        }

        It 'shows the ISC connection with its client id and whole URI' {
            $lines = Get-RenderedLine $IscConnection $Width
            $row = ConvertFrom-RenderedTable $lines

            Get-LongLine $lines $Width | Should -BeNullOrEmpty
            Get-TableHeader $lines | Should -Be 'ClientId SkipCertificateCheck Uri'
            $row.ClientId | Should -BeExactly 'emulator-demo-client'
            Get-NonSpace $row.Uri | Should -BeExactly $IscConnection.Uri.AbsoluteUri
        }
    }
}

Describe 'Format-List' {
    It 'shows what the task table leaves out' {
        $text = Get-ProvTask -TaskId 31 | Format-List | Out-String -Width 200

        $text | Should -Match 'Object\s+: Badge Access'
        $text | Should -Match 'DescriptiveData\s+: kchen'
        $text | Should -Match 'Reason\s+: Manual task awaiting fulfilment'
        $text | Should -Match 'Uri\s+: http://127\.0\.0\.1:\d+/iam/governance/selfservice/api/v1/provtasks/31'
    }
}

Describe 'Format files' {
    # Whatever the data, every table's fixed columns and separators must leave its last column room for its
    # label in 79 columns, and no label may be wider than its column.
    It 'lays out every table of <Name> within 79 columns' -ForEach @(
        @{ Name = 'GovernanceModule.Oig.Format.ps1xml' }
        @{ Name = 'GovernanceModule.Nerm.Format.ps1xml' }
        @{ Name = 'GovernanceModule.Isc.Format.ps1xml' }
    ) {
        [xml] $format = Get-Content -Raw (Join-Path $ModuleFolder $Name)
        $tables = @($format.Configuration.ViewDefinitions.View | Where-Object { $_.TableControl })
        $tables.Count | Should -BeGreaterThan 0
        foreach ($view in $tables) {
            $used = -1
            foreach ($header in @($view.TableControl.TableHeaders.TableColumnHeader)) {
                $width = 0
                if ($header.Width) { $width = [int] $header.Width }
                if ($width -gt 0) {
                    $header.Label.Length | Should -BeLessOrEqual $width -Because "the label $($header.Label) of view $($view.Name) must fit its column"
                    $used += $width + 1
                }
                else {
                    $used += $header.Label.Length + 1
                }
            }
            $used | Should -BeLessOrEqual 79 -Because "view $($view.Name) must fit an 80-column console"
        }
    }
}
