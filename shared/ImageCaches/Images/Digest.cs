namespace ImageCacheFunctions.ImageCaches.Images;

// API surface agreed between helpers; the implementation is being written (issue 5).
/// <summary>A content digest such as <c>sha256:…</c> (algorithm and lower-case hex).</summary>
public readonly record struct Digest(string Algorithm, string Hex)
{
    public override string ToString() => $"{Algorithm}:{Hex}";

    public static Digest Parse(string value) =>
        TryParse(value, out var digest) ? digest : throw new FormatException($"'{value}' is not a valid digest");

    public static bool TryParse(string? value, out Digest digest) => throw new NotImplementedException();
}
