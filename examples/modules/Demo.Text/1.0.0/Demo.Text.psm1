function ConvertTo-Banner {
    param([Parameter(Mandatory)][string] $Text)
    $line = '*' * ($Text.Length + 4)
    "$line`n* $Text *`n$line"
}
