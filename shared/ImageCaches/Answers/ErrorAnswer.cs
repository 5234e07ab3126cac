namespace ImageCacheFunctions.ImageCaches.Answers;

/// <summary>
/// The body of every refused or failed request, the shape of the host's own error answers:
/// a snake_case code (<see cref="BadRequest"/>, <see cref="NotFound"/>, <see cref="PayloadTooLarge"/>, <see cref="Unavailable"/>),
/// a sentence, and the fields at fault when there are any.
/// </summary>
public sealed record ErrorAnswer(string Error, string Message, IReadOnlyList<FieldProblem>? Problems = null)
{
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string PayloadTooLarge = "payload_too_large";
    public const string Unavailable = "unavailable";
}

/// <summary>Something wrong with one field of a request, named by its path (<c>spec.images[1]</c>).</summary>
public sealed record FieldProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
