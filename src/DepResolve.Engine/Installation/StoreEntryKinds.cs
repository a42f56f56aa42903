namespace DepResolve.Engine.Installation;

internal static class StoreEntryKinds
{
    public const string Module = "module";
    public const string Library = "library";
}
