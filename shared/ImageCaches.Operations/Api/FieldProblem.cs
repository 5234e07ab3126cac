namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>Something wrong with one field of a request, named by its path (<c>spec.images[1]</c>).</summary>
public sealed record FieldProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
