namespace DepResolve.Engine.Packaging;

/// <summary>What <see cref="PackageArchive.ExtractTo"/> wrote: files, their total size, and entries it left out on purpose.</summary>
public sealed record ExtractionResult(string Destination, int FileCount, long TotalBytes, int SkippedMetadataEntries);
