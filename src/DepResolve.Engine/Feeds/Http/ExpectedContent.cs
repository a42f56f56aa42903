namespace DepResolve.Engine.Feeds.Http;

/// <summary>What a response must be, so an HTML login page or error page is refused instead of parsed.</summary>
internal enum ExpectedContent
{
    Json,
    Xml,
    Package,
}
