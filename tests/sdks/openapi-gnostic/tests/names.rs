//! gnostic's `Service_` prefix: `UserService_List` and `RoleService_List`
//! keep it (stripped, both would be `list`); a prefix whose rest is unique
//! goes (`WidgetService_ListWidgets` -> `list_widgets`).

use openapi_gnostic::ClientBuilder;
use openapi_gnostic::model::{ListWidgetsRequest, RoleServiceListRequest, UserServiceListRequest};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn operations_sharing_a_name_keep_their_service() {
    let server = MockServer::start().await;
    for p in ["/v1/users", "/v1/roles", "/v1/widgets"] {
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = ClientBuilder::for_testing(&server.uri()).build().unwrap();
    client
        .user_service_list(UserServiceListRequest::new())
        .await
        .unwrap();
    client
        .role_service_list(RoleServiceListRequest::new())
        .await
        .unwrap();
    client
        .list_widgets(ListWidgetsRequest::new())
        .await
        .unwrap();
}
