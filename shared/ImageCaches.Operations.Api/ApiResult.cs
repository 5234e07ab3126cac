using ImageCacheFunctions.ImageCaches.Answers;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>An answer of the API: the status code and the body the function writes with <c>WriteAsJsonAsync</c>.</summary>
public sealed record ApiResult(int StatusCode, object Body)
{
    public static ApiResult Ok<T>(T body)
        where T : notnull => new(200, body);

    public static ApiResult Status<T>(int statusCode, T body)
        where T : notnull => new(statusCode, body);

    public static ApiResult BadRequest(string message, IReadOnlyList<FieldProblem>? problems = null) =>
        Status(400, new ErrorAnswer(ErrorAnswer.BadRequest, message, problems is { Count: > 0 } ? problems : null));

    public static ApiResult TooLarge(string message) => Status(413, new ErrorAnswer(ErrorAnswer.PayloadTooLarge, message));

    public static ApiResult NotFound(string message) => Status(404, new ErrorAnswer(ErrorAnswer.NotFound, message));

    public static ApiResult Unavailable(string message) => Status(503, new ErrorAnswer(ErrorAnswer.Unavailable, message));
}
