#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Bad input as users bring it: CSV files (fixtures/) read by the real Import-Csv and piped into the real cmdlets.
# Per file: one result or one error per data row; each error is the cmdlet's InvalidInput error, names the row and
# carries it as TargetObject; no request reaches the emulator for a bad row, and the other rows go on.
# The xunit corpus (tests/GovernanceModule.Core.Tests/InputCorpus) covers the same kinds case by case in Core.

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/GovernanceModule/GovernanceModule.psd1'
    $script:Fixtures = Join-Path $PSScriptRoot 'fixtures'
    Import-Module (Join-Path $PSScriptRoot '../../out/GovernanceModule.Emulator/GovernanceModule.Emulator.psd1') -Force
    Import-Module $ModulePath -Force
    $script:Emulator = Start-GovernanceEmulator
    $script:SourceId = '2c9180835d191a86015d28455b4a2329'

    Connect-OigServer -Uri $Emulator.Uri -Credential ([pscredential]::new('xelsysadm', (ConvertTo-SecureString 'Demo-Passw0rd!' -AsPlainText -Force)))
    Connect-NermTenant -Uri $Emulator.Uri -Token (ConvertTo-SecureString 'nerm-demo-api-key-0001' -AsPlainText -Force)
    Connect-IscTenant -Uri $Emulator.Uri -Credential ([pscredential]::new('emulator-demo-client', (ConvertTo-SecureString 'Demo-Client-Secret-0001' -AsPlainText -Force)))

    # This file stays ASCII (Windows PowerShell reads a BOM-less script as ANSI): non-ASCII text is built from code points.
    $script:ZoeTokyo = "Zo$([char]0x00EB) $([char]0x2014) $([char]0x6771)$([char]0x4EAC)"
    $script:Munich = "M$([char]0x00FC)nchen"
    $script:Jose = "Jos$([char]0x00E9) $([char]0x00D1)$([char]0x00FA)$([char]0x00F1)ez"
    $script:Tokyo = "$([char]0x6771)$([char]0x4EAC)"

    function script:Get-SessionId([int] $Number) { '00000000-0000-4000-8000-{0:D12}' -f $Number }

    # A row as one CSV line, to compare an error's TargetObject with the row it came from.
    function script:Get-RowText($Row) { @($Row | ConvertTo-Csv -NoTypeInformation)[1] }

    # The task ids every OIG PUT carried: the bulk body's tasks, or the single-task path.
    function script:Get-SentTaskIds {
        foreach ($put in @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api oig -Method PUT)) {
            if ($put.path -like '*/provtasks') { ($put.body | ConvertFrom-Json).tasks.id }
            else { $put.path.Substring($put.path.LastIndexOf('/') + 1) }
        }
    }

    function script:Get-NermWrites {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm | Where-Object { $_.method -ne 'GET' })
    }

    function script:Get-IscRequests {
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api isc | Where-Object { $_.path -like '/v3/*' })
    }

    # Asserts the error of one bad row: the cmdlet's InvalidInput id, the row named first in the message, the row as target.
    function script:Assert-RowError {
        param($ErrorRecord, [string] $ErrorId, [string] $Row, $RowObject, [string] $MessageLike)
        $ErrorRecord.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $ErrorRecord.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $ErrorRecord.Exception.Message | Should -BeLike "$Row*"
        $ErrorRecord.Exception.Message | Should -BeLike $MessageLike
        Get-RowText $ErrorRecord.TargetObject | Should -Be (Get-RowText $RowObject)
    }
}

AfterAll {
    Stop-GovernanceEmulator -Emulator $Emulator
    Remove-Module GovernanceModule -ErrorAction SilentlyContinue
}

Describe 'Set-ProvTask with bad CSV rows' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'reads a CSV saved with a UTF-8 BOM: TaskId binds, the unknown action is refused, the other rows are sent' {
        $path = Join-Path $Fixtures 'oig-bom.csv'
        $bytes = [System.IO.File]::ReadAllBytes($path)
        @($bytes[0..2]) | Should -Be @(0xEF, 0xBB, 0xBF) -Because 'the fixture must keep its BOM'
        $rows = @(Import-Csv -LiteralPath $path)
        $rows[0].PSObject.Properties.Name[0] | Should -BeExactly 'TaskId' -Because 'Import-Csv drops the BOM from the header'

        $results = @($rows | Set-ProvTask -ErrorVariable failures -ErrorAction SilentlyContinue)

        $rows.Count | Should -Be 3
        ($results.Count + $failures.Count) | Should -Be $rows.Count
        $results.TaskId | Should -Be @('3016', '6')
        $results | ForEach-Object { $_.Succeeded | Should -BeTrue }
        $failures.Count | Should -Be 1
        Assert-RowError $failures[0] -ErrorId 'ProvTaskInvalidInput' -Row 'Row 2 (task 3009)' -RowObject $rows[1] -MessageLike "*unknown action 'Approve'*Valid actions: Reassign, SetNote, SetResponse, Retry, Update*"
        @(Get-SentTaskIds) | Should -Be @('3016', '6')
    }

    It 'skips blank lines, refuses a line of empty cells and a Reassign without Assignee, and sends the other rows' {
        $rows = @(Import-Csv -LiteralPath (Join-Path $Fixtures 'oig-blank-lines.csv'))

        $results = @($rows | Set-ProvTask -ErrorVariable failures -ErrorAction SilentlyContinue)

        # Import-Csv drops empty lines and lines of blanks; a line of only commas is a row whose cells are all empty.
        $rows.Count | Should -Be 5
        ($results.Count + $failures.Count) | Should -Be $rows.Count
        $results.TaskId | Should -Be @('3016', '3018', '6')
        $results | ForEach-Object { $_.Succeeded | Should -BeTrue }
        $failures.Count | Should -Be 2
        Assert-RowError $failures[0] -ErrorId 'ProvTaskInvalidInput' -Row 'Row 2:' -RowObject $rows[1] -MessageLike '*every cell is empty*TaskId*'
        Assert-RowError $failures[1] -ErrorId 'ProvTaskInvalidInput' -Row 'Row 4 (task 3009)' -RowObject $rows[3] -MessageLike '*action Reassign needs Assignee*'
        @(Get-SentTaskIds) | Should -Be @('3016', '3018', '6')
    }
}

Describe 'Update-WorkflowSession with bad CSV rows' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'leaves extra columns unbound, refuses a status outside the enum, and sends the other rows' {
        $rows = @(Import-Csv -LiteralPath (Join-Path $Fixtures 'nerm-extra-columns.csv'))
        $ok = @((Get-SessionId 1), '3fa85f64-5717-4562-b3fc-2c963f66afa6')

        $results = @($rows | Update-WorkflowSession -ErrorVariable failures -ErrorAction SilentlyContinue)

        $rows.Count | Should -Be 3
        ($results.Count + $failures.Count) | Should -Be $rows.Count
        $results.Id | Should -Be $ok
        $results[0].Attributes['department_uid'] | Should -Be 'Finance'
        $failures.Count | Should -Be 1
        Assert-RowError $failures[0] -ErrorId 'WorkflowSessionInvalidInput' -Row "Row 2 (session $(Get-SessionId 2))" -RowObject $rows[1] -MessageLike "*Status 'Done' is not a value NERM accepts*Closest valid values:*all 61*"

        $writes = Get-NermWrites
        @($writes.path | Sort-Object) | Should -Be @($ok | ForEach-Object { "/api/workflow_sessions/$_" } | Sort-Object)
        foreach ($write in $writes) {
            $write.body | Should -Not -Match 'Comment|Owner|ticket|jdoe'
        }
    }

    It 'sends non-ASCII text intact and refuses an id that is not a UUID' {
        $rows = @(Import-Csv -LiteralPath (Join-Path $Fixtures 'nerm-non-ascii.csv') -Encoding UTF8)
        $ok = @((Get-SessionId 4), (Get-SessionId 5))

        $results = @($rows | Update-WorkflowSession -ErrorVariable failures -ErrorAction SilentlyContinue)

        $rows.Count | Should -Be 3
        ($results.Count + $failures.Count) | Should -Be $rows.Count
        $results.Id | Should -Be $ok
        $results[0].Attributes['display_name_uid'] | Should -BeExactly $ZoeTokyo
        $results[0].Attributes['city_uid'] | Should -BeExactly $Munich
        $results[1].Attributes['display_name_uid'] | Should -BeExactly $Jose
        $failures.Count | Should -Be 1
        Assert-RowError $failures[0] -ErrorId 'WorkflowSessionInvalidInput' -Row 'Row 2 (session 12345)' -RowObject $rows[1] -MessageLike '*Id is not a UUID*3fa85f64-5717-4562-b3fc-2c963f66afa6*'

        # What the server stored, read back from its own state.
        $stored = Invoke-RestMethod "$($Emulator.Uri)/_emulator/nerm/sessions/$(Get-SessionId 5)"
        $stored.attributes.display_name_uid | Should -BeExactly $Jose
        $stored.attributes.city_uid | Should -BeExactly $Tokyo
        @(Get-NermWrites).Count | Should -Be 2
        @(Get-GovernanceEmulatorRequest -Emulator $Emulator -Api nerm | Where-Object { $_.path -like '*12345*' }).Count | Should -Be 0
    }
}

Describe 'Edit-ProvisioningPolicy with bad CSV rows' {
    BeforeEach { Reset-GovernanceEmulator -Emulator $Emulator }

    It 'refuses a usage type outside the 16 before any request and edits the other rows' {
        $rows = @(Import-Csv -LiteralPath (Join-Path $Fixtures 'isc-usage-types.csv'))

        $results = @($rows | Edit-ProvisioningPolicy -Description 'Reviewed in the bad-input suite' -ErrorVariable failures -ErrorAction SilentlyContinue)

        $rows.Count | Should -Be 3
        ($results.Count + $failures.Count) | Should -Be $rows.Count
        $results.UsageType | Should -Be @('CREATE', 'UPDATE')
        $results.Status | Should -Be @('Updated', 'Updated')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ProvisioningPolicyInvalidInput,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        # The message names the row, the bad value and the valid ones.
        $failures[0].Exception.Message | Should -BeLike "Row 2: *UsageType 'CRATE'*CREATE, UPDATE, DELETE*"
        "$($failures[0].TargetObject)" | Should -BeLike '*CRATE*'

        $requests = Get-IscRequests
        @($requests | Where-Object { $_.path -like '*/CRATE' }).Count | Should -Be 0
        @($requests | Where-Object { $_.method -eq 'PATCH' }).path | Should -Be @(
            "/v3/sources/$SourceId/provisioning-policies/CREATE"
            "/v3/sources/$SourceId/provisioning-policies/UPDATE"
        )
    }
}
