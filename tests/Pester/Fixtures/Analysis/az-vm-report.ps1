#Requires -Version 7.2
#Requires -Modules @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.12.1' }, Az.Compute

[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ResourceGroupName,
    [string] $Location = 'westeurope'
)

Import-Module Az.Storage -MinimumVersion 5.0

Connect-AzAccount -Identity | Out-Null
$vms = Get-AzVM -ResourceGroupName $ResourceGroupName
foreach ($vm in $vms) {
    Write-Output ('{0}: {1}' -f $vm.Name, $vm.HardwareProfile.VmSize)
}

$account = New-AzStorageAccount -ResourceGroupName $ResourceGroupName -Name 'vmreports' -Location $Location -SkuName Standard_LRS
$account | Format-List StorageAccountName, PrimaryLocation
