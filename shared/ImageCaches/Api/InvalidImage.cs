namespace ImageCacheFunctions.ImageCaches.Api;

/// <summary>An image that is not a valid reference, where it was written and why.</summary>
public sealed record InvalidImage(string Field, string Image, string Error);
