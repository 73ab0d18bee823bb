#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The results file as an audit trail: every result says what was asked, in columns Export-Csv can write, and the
# same refusal reads the same whichever request carried it.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $Root 'out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module (Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1') -Force
    $script:Emulator = Start-GovernanceEmulator
    Connect-OigServer -Uri $Emulator.Uri -Credential $Emulator.OigCredential
    Connect-NermTenant -Uri $Emulator.Uri -Token $Emulator.NermToken
    $script:ProfileA = '11111111-2222-4333-8444-555555555555'
    $script:ProfileB = '66666666-7777-4888-9999-000000000000'

    function script:New-Csv([string[]] $Lines) {
        $path = Join-Path $TestDrive ("{0}.csv" -f [guid]::NewGuid())
        Set-Content -Path $path -Value $Lines -Encoding UTF8
        $path
    }

    # What Export-Csv writes, read back as text and as rows.
    function script:Export-Result([object[]] $Results) {
        $path = Join-Path $TestDrive ("results-{0}.csv" -f [guid]::NewGuid())
        $Results | Export-Csv -Path $path -NoTypeInformation
        @{ Text = Get-Content -Raw $path; Rows = @(Import-Csv $path) }
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Update-WorkflowSession results as a record' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'export what was asked and the session after it, profile ids and attributes as values, not type names' {
        $csv = New-Csv @(
            'Id,Status,ProfileIds,Attribute.department_uid'
            "00000000-0000-4000-8000-000000000001,approved,$ProfileA;$ProfileB,Finance"
        )

        $exported = Export-Result @(Import-Csv $csv | Update-WorkflowSession)

        $exported.Text | Should -Not -Match 'System\.Collections|Dictionary`|List`'
        $row = $exported.Rows[0]
        $row.Row | Should -Be '1'
        $row.Change | Should -BeLike "Set status approved*profiles $ProfileA, $ProfileB*attribute department_uid = 'Finance'*"
        $row.Status | Should -Be 'approved'
        $row.ProfileIds | Should -Be "$ProfileA,$ProfileB"
        ($row.Attributes | ConvertFrom-Json).department_uid | Should -Be 'Finance'
        $sent = (Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm -Method PATCH)[0].body | ConvertFrom-Json
        $sent.workflow_session.profile_ids | Should -Be @($ProfileA, $ProfileB)
    }

    It 'export Get-WorkflowSession output the same way' {
        $exported = Export-Result @(Get-WorkflowSession -Id 3fa85f64-5717-4562-b3fc-2c963f66afa6)

        $exported.Text | Should -Not -Match 'System\.Collections|Dictionary`|List`'
        { $exported.Rows[0].Attributes | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'still index attributes by uid and pipe back by Id only' {
        $result = Update-WorkflowSession -Id 00000000-0000-4000-8000-000000000001 -Attribute @{ department_uid = 'Legal' }

        $result.Attributes['department_uid'] | Should -Be 'Legal'
        $again = $result | Update-WorkflowSession -Status completed
        $again.Status | Should -Be 'completed'
        $again.Change | Should -Be 'Set status completed'
    }
}

Describe 'Set-ProvTask results as a record' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'export the row number and the note, response and assignee asked, so that results for one task tell their rows apart' {
        $csv = New-Csv @(
            'TaskId,Action,Assignee,Note,Response'
            '6,SetNote,,first,'
            '6,SetNote,,second,'
            '6,SetResponse,,,VALIDATION_FAILED'
            '3016,Reassign,23,,'
        )

        $exported = Export-Result @(Import-Csv $csv | Set-ProvTask)

        $exported.Text | Should -Not -Match 'System\.Collections|Dictionary`|List`'
        $exported.Rows.Row | Should -Be @('1', '2', '3', '4')
        $exported.Rows.Note | Should -Be @('first', 'second', '', '')
        $exported.Rows.Response | Should -Be @('', '', 'VALIDATION_FAILED', '')
        $exported.Rows[3].Assignee | Should -Be '23'
        $exported.Rows[3].AssigneeType | Should -Be 'user'
    }

    It 'gives an unknown task the same Status and Reason alone (single-task PUT) and in a batch (bulk PUT)' {
        $alone = Set-ProvTask -TaskId 424242 -Note x -ErrorAction SilentlyContinue
        $inBatch = @(Import-Csv (New-Csv @('TaskId,Note', '424242,x', '6,y')) | Set-ProvTask -ErrorAction SilentlyContinue)[0]

        $puts = @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT)
        $puts.path | Should -Be @('/iam/governance/selfservice/api/v1/provtasks/424242', '/iam/governance/selfservice/api/v1/provtasks')
        $inBatch.Status | Should -Be 'FAIL'
        $inBatch.Reason | Should -Be 'Requested entity not found'
        $alone.Status | Should -Be $inBatch.Status
        $alone.Reason | Should -Be $inBatch.Reason
    }
}

Describe 'Edit-ProvisioningPolicy results as a record' {
    BeforeAll { Connect-IscTenant -Uri $Emulator.Uri -Credential $Emulator.IscCredential }
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'export the policy as the server stored it, as its JSON document, and keep it a policy in the session' {
        $sourceId = '2c9180835d191a86015d28455b4a2329'
        $csv = New-Csv @('SourceId,UsageType,Description', "$sourceId,UPDATE,reviewed")

        $results = @(Import-Csv $csv | Edit-ProvisioningPolicy)
        $exported = Export-Result $results

        $exported.Text | Should -Not -Match 'System\.Collections|GovernanceModule\.Core|policy of source'
        $stored = $exported.Rows[0].Policy | ConvertFrom-Json
        $server = Get-ProvisioningPolicy -SourceId $sourceId -UsageType UPDATE
        $stored.name | Should -Be $server.Name
        $stored.description | Should -Be 'reviewed'
        $stored.usageType | Should -Be 'UPDATE'
        $stored.fields.name | Should -Be @($server.Fields.Name)
        $stored.fields[0].transform.type | Should -Be $server.Fields[0].Transform['type']
        $results[0].Policy.Fields.Name | Should -Be @($server.Fields.Name)
        ($results[0] | Format-List | Out-String -Width 80) | Should -Match "Policy\s+: $([regex]::Escape($server.Name)) \(fields: $($server.Fields.Name -join ', ')\)"
    }
}

Describe 'Results of repeated rows' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'carry the row number, for every API: two identical rows are told apart' {
        $oig = @(Import-Csv (New-Csv @('TaskId,Action', '1006,Retry', '1006,Retry')) | Invoke-ProvTaskRetry -ErrorAction SilentlyContinue)
        $nerm = @(Import-Csv (New-Csv @('Id,Status', '00000000-0000-4000-8000-000000000001,approved', '00000000-0000-4000-8000-000000000001,approved')) | Update-WorkflowSession)
        Connect-IscTenant -Uri $Emulator.Uri -Credential $Emulator.IscCredential
        $isc = @(Import-Csv (New-Csv @('SourceId,UsageType', '2c9180835d191a86015d28455b4a2329,UPDATE', '2c9180835d191a86015d28455b4a2329,UPDATE')) | Edit-ProvisioningPolicy -Description 'reviewed')

        $oig.Row | Should -Be @(1, 2)
        $nerm.Row | Should -Be @(1, 2)
        $isc.Row | Should -Be @(1, 2)
    }
}
