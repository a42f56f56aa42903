# -WhatIf and -Confirm as a user at a prompt meets them: a child pwsh whose prompts are answered through its stdin
# ('l' is "No to All", 'n' is "No"), so every question the cmdlets ask is a real ShouldProcess prompt. Against the
# Publish-PSResource feed, registered as ContosoFeed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Get-PublishedFeed
    $script:SavedSettings = Use-IsolatedUserSettings $Feed

    function Invoke-Answering {
        <#
            Runs $Code in a child pwsh with the module imported and $Answers as its stdin. Returns what it printed
            (Text, prompts and "What if:" lines included) and the JSON the code wrote to $OutFile, as Result.
        #>
        param([Parameter(Mandatory)][string] $Code, [string] $Answers = '', [Parameter(Mandatory)] $Project)
        $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        $out = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).json"
        Set-Content $file @"
`$ErrorActionPreference = 'Continue'
Import-Module '$ModuleManifest'
`$Project = Get-Content '$(Join-Path $Project.Path 'project.json')' -Raw | ConvertFrom-Json
`$OutFile = '$out'
$Code
"@
        $Project | ConvertTo-Json | Set-Content (Join-Path $Project.Path 'project.json')
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $text = ($Answers | & $pwsh -NoProfile -File $file 2>&1) -join "`n"
        Remove-Item (Join-Path $Project.Path 'project.json')
        [pscustomobject]@{ Text = $text; Result = if (Test-Path $out) { Get-Content $out -Raw | ConvertFrom-Json } }
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Declining an install under -Confirm' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
    }

    It 'is an ApprovalDeclined error naming the package, and the result is not a success' {
        $child = Invoke-Answering -Project $Project -Answers 'l' -Code @'
$result = Resolve-ScriptDependency $Project.Deploy -CacheDirectory $Project.Cache -Confirm -ErrorVariable failures
@{ Success = $result.Success; ErrorCode = "$($result.ErrorCode)"; Packages = @($result.ResolvedPackages.Id)
   Ids = @($failures.FullyQualifiedErrorId); Categories = @($failures | ForEach-Object { "$($_.CategoryInfo.Category)" }); Messages = @($failures.Exception.Message) } |
    ConvertTo-Json | Set-Content $OutFile
'@
        $child.Text | Should -Match 'Install package'
        $child.Result.Success | Should -BeFalse
        $child.Result.ErrorCode | Should -Be 'ApprovalDeclined'
        $child.Result.Ids | Should -Be @('ApprovalDeclined,DepResolve.Cmdlets.ResolveScriptDependencyCommand')
        $child.Result.Categories | Should -Be @('OperationStopped')
        $child.Result.Messages[0] | Should -Match 'Contoso\.Greeting 2\.0\.0'
        $child.Result.Packages | Should -Be @('Contoso.Greeting', 'Contoso.Text') -Because 'the plan stays in the result'
        Join-Path $Project.Cache 'store' | Should -Not -Exist
        $Project.Lock | Should -Not -Exist
    }
}

Describe 'Invoke-ScriptTest -WhatIf and -Confirm' {
    BeforeEach {
        $script:Project = New-ContosoWorkspace
        Set-Content $Project.Deploy @'
#Requires -Modules Contoso.Greeting
Set-Content (Join-Path $PSScriptRoot 'ran.txt') (Get-ContosoGreeting -Name ran)
'@
    }

    It '-WhatIf resolves, says what it would install, write and run, and writes nothing' {
        $before = Get-FolderSnapshot $Project.Path
        $child = Invoke-Answering -Project $Project -Code @'
$result = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache -WhatIf
@{ Count = @($result).Count } | ConvertTo-Json | Set-Content $OutFile
'@
        $child.Result.Count | Should -Be 0 -Because 'a run that did not happen has no result'
        $child.Text | Should -Match 'What if: Performing the operation "Install package" on target "Contoso\.Greeting 2\.0\.0 from ContosoFeed'
        $child.Text | Should -Match 'What if: Performing the operation "Install package" on target "Contoso\.Text 1\.2\.0'
        $child.Text | Should -Match ('What if: Performing the operation "Write lock file" on target "' + [regex]::Escape($Project.Lock))
        $child.Text | Should -Match ('What if: Performing the operation "Run the script" on target "' + [regex]::Escape($Project.Deploy))
        Get-FolderSnapshot $Project.Path | Should -Be $before
        $Project.Cache | Should -Not -Exist
    }

    It 'a run declined under -Confirm does not happen and writes no result' {
        Set-Content $Project.Deploy "Set-Content (Join-Path `$PSScriptRoot 'ran.txt') 'ran'"
        $child = Invoke-Answering -Project $Project -Answers 'n' -Code @'
$result = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache -Confirm
@{ Count = @($result).Count } | ConvertTo-Json | Set-Content $OutFile
'@
        $child.Text | Should -Match 'Run the script'
        $child.Result.Count | Should -Be 0
        Join-Path $Project.Path 'ran.txt' | Should -Not -Exist
    }

    It 'runs without asking under -Confirm:$false' {
        $result = Invoke-ScriptTest $Project.Deploy -CacheDirectory $Project.Cache -Confirm:$false
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        Join-Path $Project.Path 'ran.txt' | Should -Exist
    }
}
