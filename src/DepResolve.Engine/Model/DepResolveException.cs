namespace DepResolve.Engine.Model;

/// <summary>
/// The one exception type the engine throws on purpose. <see cref="Target"/> names the culprit:
/// a file path, a package id and version, or a URL. Credentials in URLs are redacted from the message and target.
/// </summary>
public sealed class DepResolveException : Exception
{
    public DepResolveException(ErrorCode code, string message, string? target = null, Exception? innerException = null)
        : base(CredentialRedaction.Redact(message), innerException)
    {
        Code = code;
        Target = CredentialRedaction.Redact(target);
    }

    public ErrorCode Code { get; }

    public string? Target { get; }

    public override string ToString() => $"{Code}: {Message}";
}
