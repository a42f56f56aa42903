Import-Module ImportExcel

$rows = Get-ADUser -Filter * -Properties Department |
    Group-Object Department |
    Select-Object Name, Count
$rows | Export-Excel -Path ./departments.xlsx -AutoSize

if ($rows.Count -gt 0 {
    Write-Host 'done'
}
