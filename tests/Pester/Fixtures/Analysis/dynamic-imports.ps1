param([string[]] $Modules = @('Az.Accounts', 'Az.Resources'))

foreach ($name in $Modules) {
    Import-Module -Name $name
}

$logging = 'PSFramework'
Import-Module $logging

$helper = Get-ChildItem -Path $PSScriptRoot -Filter '*.psm1' | Select-Object -First 1
Import-Module $helper.FullName

. (Join-Path $PSScriptRoot $env:HELPER_SCRIPT)
Invoke-PSFProtectedCommand -Action 'Done' -ScriptBlock { Write-PSFMessage -Message 'ok' }
