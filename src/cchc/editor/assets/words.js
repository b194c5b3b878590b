// The words a unit clerk knows, laid over Decap's Vietnamese locale: the editorial
// workflow's statuses are the steps of the self-assessment (bản nháp → Gửi đi → Hội
// đồng thẩm định), and "publish" is the council's merge, never the clerk's.
export const WORDS = {
  auth: { loginWithForgejo: 'Đăng nhập bằng Forgejo' },
  app: {
    header: { workflow: 'Hồ sơ đã lưu', media: 'Tệp đã tải lên', content: 'Hồ sơ' },
  },
  collection: {
    sidebar: { collections: 'Hồ sơ tự đánh giá', allCollections: 'Tất cả hồ sơ', searchAll: 'Tìm đơn vị' },
    collectionTop: { viewAs: 'Xem dạng', viewAsList: 'Xem dạng danh sách', viewAsGrid: 'Xem dạng lưới',
      groupBy: 'Nhóm theo' },
    entries: { unpublishedHeader: 'Hồ sơ đã lưu, chưa hợp nhất' },
  },
  editor: {
    editorControl: { field: { widgetLabel: 'Ô nhập %{widgetLabel}' } },
    editorInterface: { togglePreview: 'Bật/tắt xem trước', toggleScrollSync: 'Cuộn đồng thời' },
    editorWidgets: {
      list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
      object: { expand: 'Mở', collapse: 'Thu gọn' },
      file: { choose: 'Chọn tệp PDF', chooseDifferent: 'Chọn tệp khác', remove: 'Bỏ tệp', chooseMultiple: 'Chọn tệp',
        addMore: 'Thêm tệp', removeAll: 'Bỏ tất cả tệp' },
      datetime: { now: 'Hôm nay', clear: 'Xoá', setToNow: 'Đặt %{fieldLabel} là hôm nay' },
    },
    editorToolbar: {
      statusInfoTooltipDraft: 'Hồ sơ đang là bản nháp. Khi đã kiểm tra xong (xem khung bên phải), '
        + 'chuyển trạng thái sang "Gửi đi (chờ thẩm định)".',
      statusInfoTooltipInReview: 'Hồ sơ đã gửi đi, chờ Hội đồng thẩm định. Vẫn có thể sửa và Lưu cho đến hạn '
        + 'tự đánh giá; muốn rút lại, chuyển về "Bản nháp (chưa gửi)".',
      draft: 'Bản nháp (chưa gửi)',
      inReview: 'Gửi đi (chờ thẩm định)',
      ready: 'Hội đồng đã duyệt',
      status: 'Trạng thái: %{status}',
      save: 'Lưu',
      saving: 'Đang lưu...',
      publish: 'Hợp nhất (Hội đồng)',
      publishNow: 'Hợp nhất ngay (Hội đồng)',
      published: 'Không có bản nháp đang mở',
      changesSaved: 'Đã lưu bản nháp',
      unsavedChanges: 'Có thay đổi chưa lưu',
      backCollection: ' Hồ sơ tự đánh giá: %{collectionLabel}',
      deleteUnpublishedChanges: 'Huỷ bản nháp này',
      deleteUnpublishedEntry: 'Huỷ bản nháp này',
    },
    editor: {
      onPublishingNotReady: 'Chỉ Hội đồng thẩm định hợp nhất hồ sơ, sau khi đã duyệt.',
      onUpdatingWithUnsavedChanges: 'Hãy bấm Lưu trước khi đổi trạng thái (Gửi đi).',
    },
  },
  mediaLibrary: {
    mediaLibrary: {
      fileTooLarge: 'Tệp quá lớn: kế hoạch của Sở Nội vụ cho phép tối đa %{size} kB mỗi tệp. '
        + 'Hãy quét lại với độ phân giải thấp hơn hoặc tách thành nhiều tệp.',
    },
    mediaLibraryModal: { close: 'Đóng', mediaAssets: 'Tệp đã tải lên', upload: 'Tải tệp lên',
      chooseSelected: 'Chọn tệp này' },
    mediaLibraryCard: { copy: 'Sao chép', copyUrl: 'Sao chép địa chỉ', copyPath: 'Sao chép đường dẫn',
      copyName: 'Sao chép tên', copied: 'Đã sao chép' },
  },
  ui: { settingsDropdown: { account: 'Tài khoản' } },
  workflow: {
    workflow: {
      workflowHeading: 'Hồ sơ đã lưu, chưa hợp nhất',
      newPost: 'Mở hồ sơ',
      dateFormat: 'DD/MM/YYYY',
      description: '%{smart_count} hồ sơ đã gửi đi, chờ thẩm định; %{readyCount} hồ sơ Hội đồng đã duyệt. '
        + '|||| %{smart_count} hồ sơ đã gửi đi, chờ thẩm định; %{readyCount} hồ sơ Hội đồng đã duyệt. ',
    },
    workflowList: {
      draftHeader: 'Bản nháp (chưa gửi)',
      inReviewHeader: 'Đã gửi đi, chờ thẩm định',
      readyHeader: 'Hội đồng đã duyệt',
      currentEntries: '%{smart_count} hồ sơ |||| %{smart_count} hồ sơ',
    },
  },
};

export function merge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? merge(base[k] || {}, v) : v;
  }
  return out;
}
