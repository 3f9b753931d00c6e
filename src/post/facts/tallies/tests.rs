use super::*;

#[test]
fn tags_of_items() {
    assert_eq!(
        tags("[app][refactor] split the module"),
        [TagKind::Refactor]
    );
    assert_eq!(tags("[app] chore: bump deps"), [TagKind::Chore]);
    assert_eq!(tags("feat(auth)!: new login"), [TagKind::Feat]);
    assert_eq!(tags("결제 오류 수정 (버그)"), [TagKind::Fix]);
    assert!(tags("버그: 로그인 실패").is_empty(), "a label line");
    assert_eq!(tags("🐛 fix: crash on start"), [TagKind::Fix]);
    assert!(tags("[환자] 예약 화면").is_empty());
    assert!(tags("결과: 성공").is_empty());
    assert!(tags("fix").is_empty(), "a bare word is no tag");
    assert_eq!(tags("[fix] docs: typo").len(), 2);
}

#[test]
fn markers_of_many() {
    assert_eq!(times("fix: 결제 오류 (3개)"), Some(3.0));
    assert_eq!(times("fix: flaky test x2"), Some(2.0));
    assert_eq!(times("fix: flaky test (×3)"), Some(3.0));
    assert_eq!(times("fix: 페이지 5개 로딩"), None);
    assert_eq!(times("feat: 3명 초대 (3명)"), None);
    assert_eq!(times("fix: box2"), None);
}

#[test]
fn labels_of_kinds() {
    assert_eq!(label_kind("chore (프로젝트 관리)"), Some(TagKind::Chore));
    assert_eq!(label_kind("**🐛 버그 수정**"), Some(TagKind::Fix));
    assert_eq!(label_kind("feat (새 기능)"), Some(TagKind::Feat));
    assert_eq!(label_kind("fix (문서)"), None);
    assert_eq!(label_kind("회의"), None);
}

#[test]
fn prose_phrases() {
    assert_eq!(
        named_before("이번 달 버그 수정 ", "건", false, None).map(|x| x.0),
        Some(TagKind::Fix)
    );
    assert_eq!(
        named_before(clause_tail("Bug fixes: "), "", false, None).map(|x| x.0),
        Some(TagKind::Fix)
    );
    assert!(named_before("결제 모듈 버그 수정 ", "건", false, None).is_none());
    assert!(named_before("버그 수정 ", "건이 결제 모듈에서", false, None).is_none());
    assert_eq!(
        named_after("we shipped ", " fixes", None, None).map(|x| x.0),
        Some(TagKind::Fix)
    );
    assert!(named_after("", " fixes to the parser", None, None).is_none());
    assert_eq!(
        named_after("", "의 버그 수정을 했다", Some("건"), None).map(|x| x.0),
        Some(TagKind::Fix)
    );
    assert_eq!(
        named_before("we ", " bugs", true, None).map(|x| x.0),
        None,
        "bugs without fixed"
    );
    assert_eq!(
        named_before("We fixed ", "", true, None).map(|x| x.0),
        Some(TagKind::Fix)
    );
    assert_eq!(clause_tail("과 기능 추가 "), "기능 추가 ");
}
