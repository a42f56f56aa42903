param([string] $OutFile = (Join-Path $PSScriptRoot 'report.xlsx'))

$data = Get-Process | Select-Object -First 10 Name, CPU, WorkingSet

if (Get-Module -ListAvailable -Name ImportExcel) {
    Import-Module ImportExcel
    $data | Export-Excel -Path $OutFile -AutoSize -TableName Processes
}
else {
    Write-Warning 'ImportExcel is not installed; writing CSV instead.'
    $data | Export-Csv -Path ([IO.Path]::ChangeExtension($OutFile, '.csv')) -NoTypeInformation
}

try {
    Import-Module PSWriteColor -ErrorAction Stop
    Write-Color -Text 'Report written to ', $OutFile -Color White, Green
}
catch {
    Write-Host "Report written to $OutFile"
}
