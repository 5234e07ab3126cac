namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// One finding of an admission check: the field, a Kubernetes StatusCause reason
/// (FieldValueInvalid, FieldValueDuplicate, FieldValueNotFound, FieldValueRequired, FieldValueTooMany), the
/// message, whether it denies or only warns, and the offending value (to recognise a problem
/// the object already had before an update).
/// </summary>
public sealed record AdmissionProblem(string Field, string Reason, string Message, bool Denies, string? Value = null)
{
    public const string Invalid = "FieldValueInvalid";
    public const string Duplicate = "FieldValueDuplicate";
    public const string NotFound = "FieldValueNotFound";
    public const string Required = "FieldValueRequired";
    public const string TooMany = "FieldValueTooMany";

    public AdmissionProblem AsWarning() => this with { Denies = false };

    public override string ToString() => $"{Field}: {Message}";
}
