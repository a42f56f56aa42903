#Requires -Modules powershell-yaml

$configPath = Join-Path $PSScriptRoot 'config.yml'
$config = Get-Content -Raw -Path $configPath | ConvertFrom-Yaml

if ($IsWindows) {
    Import-Module Microsoft.PowerShell.SecretManagement
    $secret = Get-Secret -Name $config.secretName -AsPlainText
    & certutil.exe -hashfile $configPath SHA256 | Out-Null
}
else {
    Import-Module Microsoft.PowerShell.SecretStore
    $secret = Get-Secret -Name $config.secretName -AsPlainText -Vault LocalStore
}

$config.connection = $secret
$config | ConvertTo-Yaml | Set-Content -Path (Join-Path $PSScriptRoot 'config.resolved.yml')
