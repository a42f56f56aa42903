param([string] $Message)
Send-MgUserMail -UserId 'ops@contoso.com' -Message @{ Subject = $Message }
