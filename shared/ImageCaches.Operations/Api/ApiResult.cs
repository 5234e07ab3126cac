namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>An HTTP answer of the API, ready to write: the status code and a JSON body.</summary>
public sealed record ApiResult(int StatusCode, string Json)
{
    public const string ContentType = "application/json; charset=utf-8";

    public static ApiResult Ok<T>(T body) => new(200, ApiJson.Serialize(body));

    public static ApiResult Status<T>(int statusCode, T body) => new(statusCode, ApiJson.Serialize(body));

    public static ApiResult BadRequest(string message, IReadOnlyList<FieldProblem>? problems = null) =>
        Status(400, new ApiError("bad_request", message, problems is { Count: > 0 } ? problems : null));

    public static ApiResult NotFound(string message) => Status(404, new ApiError("not_found", message));

    public static ApiResult Unavailable(string message) => Status(503, new ApiError("unavailable", message));
}
