namespace ImageCacheFunctions.Eci.Models;

/// <summary>A tag on an image cache (<c>Tag.N.Key</c>, <c>Tag.N.Value</c>).</summary>
/// <param name="Key">Tag key.</param>
/// <param name="Value">Tag value.</param>
public sealed record ImageCacheTag(string Key, string? Value);
