namespace DepResolve.Engine.Running;

/// <summary>One script of a batch finished.</summary>
public sealed record ScriptRunProgress(int Completed, int Total, string Path, bool Success)
{
    public int PercentComplete => Total == 0 ? 100 : Completed * 100 / Total;
}
