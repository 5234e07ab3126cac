namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>A string field of a payload holds bytes that are not UTF-8: the sender's 400, naming the field.</summary>
public sealed class UnreadableTextException : Exception
{
    public UnreadableTextException()
        : this("(unknown)", null)
    {
    }

    public UnreadableTextException(string field)
        : this(field, null)
    {
    }

    public UnreadableTextException(string field, Exception? innerException)
        : base($"the payload's field \"{field}\" is not valid UTF-8", innerException) => Field = field;

    /// <summary>The JSON field whose text could not be read.</summary>
    public string Field { get; } = "(unknown)";
}
