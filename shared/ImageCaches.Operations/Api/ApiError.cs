namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>The body of every error answer: a code, a sentence, and the fields at fault when there are any.</summary>
public sealed record ApiError(string Error, string Message, IReadOnlyList<FieldProblem>? Problems = null);
