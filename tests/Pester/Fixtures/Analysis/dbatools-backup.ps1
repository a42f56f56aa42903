<#
.SYNOPSIS
    Backs up every user database on an instance with dbatools.
#>
param(
    [string] $SqlInstance = 'localhost',
    [string] $BackupPath = '/var/backups/sql'
)

Import-Module dbatools # >= 2.1

Set-DbatoolsInsecureConnection -SessionOnly | Out-Null
$databases = Get-DbaDatabase -SqlInstance $SqlInstance -ExcludeSystem
foreach ($db in $databases) {
    Backup-DbaDatabase -SqlInstance $SqlInstance -Database $db.Name -Path $BackupPath -Type Full -CompressBackup
}

Get-DbaDbBackupHistory -SqlInstance $SqlInstance -Last |
    Select-Object Database, Type, Start, End |
    Format-Table -AutoSize
