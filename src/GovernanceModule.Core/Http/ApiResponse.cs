using System.Net;

namespace GovernanceModule.Core.Http
{
    /// <summary>A response that arrived, whatever its status.</summary>
    public sealed class ApiResponse
    {
        public ApiResponse(HttpStatusCode status, string body, int attempts)
        {
            Status = status;
            Body = body;
            Attempts = attempts;
        }

        public HttpStatusCode Status { get; }

        public string Body { get; }

        /// <summary>How many times the request was sent, 1 when it was not retried.</summary>
        public int Attempts { get; }

        public bool IsSuccess => (int)Status >= 200 && (int)Status < 300;
    }
}
