using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>What a session tells its host as it works: verbose lines and warnings (credentials redacted), and progress.</summary>
internal sealed class SessionLog
{
    private readonly SessionCallbacks _callbacks;

    public SessionLog(SessionCallbacks callbacks) => _callbacks = callbacks;

    public void Verbose(string message) => _callbacks.Verbose?.Invoke(CredentialRedaction.Redact(message));

    public void Warning(string message) => _callbacks.Warning?.Invoke(CredentialRedaction.Redact(message));

    public void Progress(ProgressReport report) => _callbacks.Progress?.Invoke(report);
}
